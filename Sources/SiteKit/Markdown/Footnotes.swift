/// GFM footnotes: `[^label]` references and `[^label]: text` definitions. Definitions are taken out of the source
/// before libcmark sees it (it would read one with a URL-like text as a link reference definition), their lines
/// left blank so every other line keeps its number, and parsed on their own; notes are numbered in the order of
/// their first reference, and a definition nothing refers to is left out, as on GitHub.
enum Footnotes {
    struct Definition: Sendable {
        /// As references are matched: lower case.
        var label: String
        /// The note's Markdown: the first line's text and the lines that continue it, four columns of indent off.
        var content: String
        /// The definition's line in the source.
        var firstLine: Int
    }

    /// The source with each definition's lines blanked, and the definitions. A definition starts a line (up to
    /// three spaces in) outside fenced code and runs on over lines indented four columns, blank lines between
    /// them, and lines that lazily continue its first paragraph. Works on the source's bytes: it runs over every
    /// page, twice per build.
    static func extractDefinitions(from source: String) -> (text: String, definitions: [Definition]) {
        let bytes = Array(source.utf8)
        guard mayHoldDefinition(bytes) else { return (source, []) }
        let lines = SourceLines(bytes)
        var blanked: [Range<Int>] = []
        var definitions: [Definition] = []
        var fence: FencedCode.Fence? = nil
        var number = 1
        while number <= lines.count {
            let line = lines.line(number)
            if let open = fence {
                if FencedCode.closes(line, open) { fence = nil }
                number += 1
                continue
            }
            if let opened = FencedCode.opens(line) {
                fence = opened
                number += 1
                continue
            }
            guard let (label, firstText) = definitionStart(line) else {
                number += 1
                continue
            }
            var content = [String(decoding: firstText, as: UTF8.self)]
            var end = number + 1
            var pendingBlanks = 0
            var lazyAllowed = !firstText.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            while end <= lines.count {
                let next = lines.line(end)
                if next.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    pendingBlanks += 1
                } else if let dedented = dedentedByFour(next) {
                    content += Array(repeating: "", count: pendingBlanks) + [String(decoding: dedented, as: UTF8.self)]
                    pendingBlanks = 0
                    lazyAllowed = true
                } else if pendingBlanks == 0, lazyAllowed, !startsBlock(next) {
                    content.append(String(decoding: next, as: UTF8.self))
                } else {
                    break
                }
                end += 1
            }
            let consumed = end - pendingBlanks
            definitions.append(
                Definition(
                    label: key(String(decoding: label, as: UTF8.self)), content: content.joined(separator: "\n"),
                    firstLine: number))
            blanked += (number..<consumed).map { lines.span($0) }
            number = consumed
        }
        guard !blanked.isEmpty else { return (source, definitions) }
        // The definitions' lines emptied in place: every other line keeps its number and its line ending.
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var position = 0
        for span in blanked {
            text += bytes[position..<span.lowerBound]
            position = span.upperBound
        }
        text += bytes[position...]
        return (String(decoding: text, as: UTF8.self), definitions)
    }

    /// Whether some line starts (up to three spaces in) with `[^`: most pages have none, and skip the rest.
    private static func mayHoldDefinition(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while let found = bytes[index...].firstIndex(of: UInt8(ascii: "[")) {
            index = found + 1
            guard found + 1 < bytes.count, bytes[found + 1] == UInt8(ascii: "^") else { continue }
            var start = found
            while start > 0, bytes[start - 1] == 0x20, found - start < 4 { start -= 1 }
            if found - start < 4, start == 0 || bytes[start - 1] == 0x0A || bytes[start - 1] == 0x0D { return true }
        }
        return false
    }

    /// Labels compare as link labels do: without regard to case.
    static func key(_ label: String) -> String { label.lowercased() }

    /// Characters a label cannot hold (cmark-gfm's scanner: no white space, no `]`); `[` would start another.
    static func isLabelBreaking(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0 || byte == UInt8(ascii: "[")
    }

    /// `[^label]:` at the start of a line (up to three spaces in): the label and the text after it.
    private static func definitionStart(_ line: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        var index = line.startIndex
        while index < line.endIndex, index - line.startIndex < 3, line[index] == 0x20 { index += 1 }
        guard index + 2 < line.endIndex, line[index] == UInt8(ascii: "["), line[index + 1] == UInt8(ascii: "^") else {
            return nil
        }
        var end = index + 2
        while end < line.endIndex, line[end] != UInt8(ascii: "]") {
            if isLabelBreaking(line[end]) { return nil }
            end += 1
        }
        guard end > index + 2, end + 1 < line.endIndex, line[end + 1] == UInt8(ascii: ":") else { return nil }
        var textStart = end + 2
        while textStart < line.endIndex, line[textStart] == 0x20 || line[textStart] == 0x09 { textStart += 1 }
        return (line[(index + 2)..<end], line[textStart...])
    }

    /// The line less four columns of indent (a tab counts to the next multiple of four), or nil with less.
    private static func dedentedByFour(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var column = 0
        var index = line.startIndex
        while column < 4, index < line.endIndex {
            switch line[index] {
            case 0x20: column += 1
            case 0x09: column += 4 - column % 4
            default: return nil
            }
            index += 1
        }
        guard column >= 4 else { return nil }
        // A tab past the fourth column leaves spaces over.
        return ArraySlice(Array(repeating: 0x20, count: column - 4)) + line[index...]
    }

    /// Whether a line would start a block rather than continue a paragraph lazily.
    private static func startsBlock(_ line: ArraySlice<UInt8>) -> Bool {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent < 4 else { return false }
        let rest = line.dropFirst(indent)
        guard let first = rest.first else { return false }
        if "#>|<".utf8.contains(first) || definitionStart(line) != nil || FencedCode.opens(line) != nil { return true }
        let second = rest.dropFirst().first
        if "-*+".utf8.contains(first), second == nil || second == 0x20 || second == 0x09 { return true }
        if ["---", "***", "___"].contains(where: { rest.starts(with: $0.utf8) }) { return true }
        let digits = rest.prefix { (0x30...0x39).contains($0) }.count
        if digits > 0, let after = rest.dropFirst(digits).first, after == UInt8(ascii: ".") || after == UInt8(ascii: ")") {
            return true
        }
        return false
    }
}

/// Footnote references numbered as the parse meets them, in reading order (the document, then each note as its
/// number comes up): a note's number is the order of its first reference, each reference counts its occurrence.
final class FootnoteNumbering {
    /// Labels that have a definition (lower case): `[^label]` naming another stays text.
    let labels: Set<String>
    /// Labels in the order of their first reference.
    private(set) var order: [String] = []
    private var numbers: [String: Int] = [:]
    private(set) var counts: [String: Int] = [:]
    /// Off while notes nothing refers to are parsed for their warnings: they are not shown, and take no number.
    var recording = true

    init(labels: Set<String>) { self.labels = labels }

    func reference(_ label: String) -> MarkdownInline {
        guard recording else { return .footnoteReference(label: label, number: 0, occurrence: 0) }
        let number: Int
        if let known = numbers[label] {
            number = known
        } else {
            order.append(label)
            number = order.count
            numbers[label] = number
        }
        let occurrence = (counts[label] ?? 0) + 1
        counts[label] = occurrence
        return .footnoteReference(label: label, number: number, occurrence: occurrence)
    }
}
