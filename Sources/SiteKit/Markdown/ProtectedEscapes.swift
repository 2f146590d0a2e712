/// Backslash-escaped `~`, `[` and `]`, kept apart from the real ones through libcmark, which removes escapes and
/// merges the text around them: without this, the GFM steps that run on its text could not tell `\~~a~~` (no
/// strikethrough) or `\[^1]` (no footnote) from the real thing. Each escape becomes a rare punctuation mark
/// before parsing (three bytes; the line count stays; punctuation, as the escape was, so emphasis next to it
/// flanks the same), and after it the escaped character in text, link destinations and titles, or the escape as
/// written in code and raw HTML, where backslashes are literal. A page that uses these marks itself (Devanagari
/// U+A8F8–U+A8FA) would see them read as `~`, `[`, `]`.
enum ProtectedEscapes {
    /// U+A8F8, U+A8F9, U+A8FA: punctuation (Po) to libcmark's tables and Swift's alike, and all but unused.
    private static let escaped: [(character: UInt8, marker: String)] = [
        (UInt8(ascii: "~"), "\u{A8F8}"), (UInt8(ascii: "["), "\u{A8F9}"), (UInt8(ascii: "]"), "\u{A8FA}"),
    ]
    /// The markers' shared first two UTF-8 bytes (EA A3), for a quick check.
    private static let markerLead: (UInt8, UInt8) = (0xEA, 0xA3)

    static func protect(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "\\")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            guard let next = bytes.next() else {
                output.append(byte)
                break
            }
            if let marker = escaped.first(where: { $0.character == next })?.marker {
                output.append(contentsOf: marker.utf8)
            } else {
                // `\\` is an escaped backslash: the character after it is not escaped.
                output.append(byte)
                output.append(next)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// For text, where an escape means its character.
    static func restoreText(_ text: String) -> String { restore(text, literal: false) }

    /// Texts, link destinations and titles of `inlines`, nested ones included, restored as text.
    static func restore(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        inlines.map { inline in
            switch inline {
            case .text(let text): return .text(restoreText(text))
            case .emphasis(let children): return .emphasis(restore(children))
            case .strong(let children): return .strong(restore(children))
            case .strikethrough(let children): return .strikethrough(restore(children))
            case .link(var link, let children):
                link.url = restoreText(link.url)
                link.title = restoreText(link.title)
                return .link(link, restore(children))
            case .image(var link, let alt):
                link.url = restoreText(link.url)
                link.title = restoreText(link.title)
                return .image(link, alt: restore(alt))
            default: return inline
            }
        }
    }

    /// For code and raw HTML, where the backslash stays.
    static func restoreLiteral(_ text: String) -> String { restore(text, literal: true) }

    private static func restore(_ text: String, literal: Bool) -> String {
        guard mayHoldMarker(text) else { return text }
        var result = text
        for (character, marker) in escaped {
            result = result.replacingBytes(marker, with: (literal ? "\\" : "") + String(UnicodeScalar(character)))
        }
        return result
    }

    private static func mayHoldMarker(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == markerLead.0, byte == markerLead.1 { return true }
            previous = byte
        }
        return false
    }
}
