/// GFM's extended autolinks, found in text as cmark-gfm's autolink extension finds them (`extensions/autolink.c`):
/// `www.` and `http://`, `https://`, `ftp://` followed by a valid domain, and e-mail addresses; trailing
/// punctuation, unbalanced closing parentheses and a trailing entity-like `&name;` are left out of the link.
enum Autolinks {
    /// A `www.` or `scheme://` link that `index` is the start of (`www.`) or the colon of (`scheme://`, whose
    /// scheme may reach back to `earliest`): its range in `bytes` and its URL.
    /// `failed` carries what earlier calls on the same text learnt.
    static func link(in bytes: [UInt8], at index: Int, earliest: Int, failed: inout FailedDomain) -> (
        start: Int, end: Int, url: String
    )? {
        if bytes[index] == UInt8(ascii: "w") { return www(bytes, at: index, failed: &failed) }
        if bytes[index] == UInt8(ascii: ":") { return url(bytes, colon: index, earliest: earliest, failed: &failed) }
        return nil
    }

    private static func www(_ bytes: [UInt8], at index: Int, failed: inout FailedDomain) -> (start: Int, end: Int, url: String)? {
        // Only at the start of the text, after white space or one of `*_~(`.
        if index > 0, !isSpace(bytes[index - 1]), !"*_~(".utf8.contains(bytes[index - 1]) { return nil }
        guard bytes[index...].starts(with: "www.".utf8) else { return nil }
        let domain = domainLength(bytes, from: index, allowShort: false, failed: &failed)
        guard domain > 0 else { return nil }
        var end = index + domain
        while end < bytes.count, !isSpace(bytes[end]) { end += 1 }
        end = delimitedEnd(bytes, from: index, to: end)
        guard end > index else { return nil }
        return (index, end, "http://" + String(decoding: bytes[index..<end], as: UTF8.self))
    }

    private static func url(_ bytes: [UInt8], colon: Int, earliest: Int, failed: inout FailedDomain) -> (
        start: Int, end: Int, url: String
    )? {
        guard colon + 2 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else {
            return nil
        }
        var start = colon
        while start > earliest, isAlpha(bytes[start - 1]) { start -= 1 }
        let scheme = String(decoding: bytes[start..<colon], as: UTF8.self).lowercased()
        guard ["http", "https", "ftp"].contains(scheme), colon + 3 < bytes.count, isHostCharacter(bytes, colon + 3) else {
            return nil
        }
        let domain = domainLength(bytes, from: colon + 3, allowShort: true, failed: &failed)
        guard domain > 0 else { return nil }
        var end = colon + 3 + domain
        while end < bytes.count, !isSpace(bytes[end]) { end += 1 }
        end = delimitedEnd(bytes, from: colon, to: end)
        guard end > colon + 3 else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return (start, end, text)
    }

    /// A text as texts and `mailto:` links for the e-mail addresses in it.
    static func emails(in text: String) -> [MarkdownInline] {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "@")) else { return [.text(text)] }
        var pieces: [MarkdownInline] = []
        var textStart = 0
        var searchFrom = 0
        while let at = bytes[searchFrom...].firstIndex(of: UInt8(ascii: "@")) {
            searchFrom = at + 1
            var start = at
            var slash = false
            while start > textStart {
                let byte = bytes[start - 1]
                if isAlphanumeric(byte) || ".+-_".utf8.contains(byte) {
                    start -= 1
                } else {
                    slash = byte == UInt8(ascii: "/")
                    break
                }
            }
            guard start < at, !slash else { continue }
            var end = at
            var ats = 0
            var dots = 0
            // A second `@` already makes it no address: stopping there keeps a run of `a@a@a@…` linear.
            while end < bytes.count, ats < 2 {
                let byte = bytes[end]
                if isAlphanumeric(byte) {
                } else if byte == UInt8(ascii: "@") {
                    ats += 1
                } else if byte == UInt8(ascii: "."), end + 1 < bytes.count, isAlphanumeric(bytes[end + 1]) {
                    dots += 1
                } else if byte != UInt8(ascii: "-"), byte != UInt8(ascii: "_") {
                    break
                }
                end += 1
            }
            let length = end - at
            guard length >= 2, ats == 1, dots > 0, isAlpha(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: ".") else {
                continue
            }
            end = delimitedEnd(bytes, from: at, to: end)
            guard end > at else { continue }
            if start > textStart { pieces.append(.text(String(decoding: bytes[textStart..<start], as: UTF8.self))) }
            let address = String(decoding: bytes[start..<end], as: UTF8.self)
            pieces.append(.link(Link(url: "mailto:" + address, title: "", isImage: false, line: 0), [.text(address)]))
            textStart = end
            searchFrom = end
        }
        if textStart < bytes.count { pieces.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        return pieces
    }

    /// cmark-gfm's `check_domain` on the bytes from `start`: segments of host characters, `-` and `_` between
    /// dots, no `_` in the last two; at least one dot unless `allowShort`. The length scanned (counting the byte
    /// at `start`, which it does not check), or 0 when it is no domain.
    ///
    /// A `www.` after `_` starts a domain inside the one before (`www._www._…`), and each would scan to the same
    /// end: when one fails for an underscore in its last two segments, so does every later start before the
    /// second-to-last dot, which `failed` remembers, so the text is scanned about once.
    private static func domainLength(_ bytes: [UInt8], from start: Int, allowShort: Bool, failed: inout FailedDomain) -> Int {
        if start > failed.start, start < failed.failsBefore { return 0 }
        var index = start + 1
        var dots = 0
        var underscoresBefore = 0
        var underscores = 0
        var lastDots = (-1, -1)
        while index < bytes.count - 1 {
            if bytes[index] == UInt8(ascii: "_") {
                underscores += 1
            } else if bytes[index] == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
                lastDots = (lastDots.1, index)
            } else if !isHostCharacter(bytes, index), bytes[index] != UInt8(ascii: "-") {
                break
            }
            index += 1
        }
        if underscoresBefore > 0 || underscores > 0 {
            if dots >= 2 { failed = FailedDomain(start: start, failsBefore: lastDots.0) }
            return 0
        }
        return allowShort || dots > 0 ? index - start : 0
    }

    /// The last domain of a text that failed for an underscore in its last two segments: later starts inside it,
    /// before its second-to-last dot, fail alike. One per text scanned.
    struct FailedDomain {
        fileprivate var start = -1
        fileprivate var failsBefore = -1
    }

    /// cmark-gfm's `autolink_delim`: where the link from `start` ends once `<` and trailing punctuation are left
    /// out. Parentheses are counted once, then one is taken off for each closing one left out.
    private static func delimitedEnd(_ bytes: [UInt8], from start: Int, to limit: Int) -> Int {
        var end = limit
        var opening = 0
        var closing = 0
        for index in start..<limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                end = index
                break
            }
            if byte == UInt8(ascii: "(") { opening += 1 } else if byte == UInt8(ascii: ")") { closing += 1 }
        }
        while end > start {
            let last = bytes[end - 1]
            if "?!.,:*_~'\"".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ";") {
                var entityStart = end - 2
                while entityStart > start, isAlpha(bytes[entityStart]) { entityStart -= 1 }
                if entityStart < end - 2, entityStart >= start, bytes[entityStart] == UInt8(ascii: "&") {
                    end = entityStart
                } else {
                    end -= 1
                }
            } else if last == UInt8(ascii: ")") {
                if closing <= opening { break }
                closing -= 1
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    /// Neither white space nor punctuation (Unicode's, as cmark-gfm's `is_valid_hostchar`).
    private static func isHostCharacter(_ bytes: [UInt8], _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return isAlphanumeric(byte) }
        var decoder = UTF8()
        var iterator = bytes[index...].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .connectorPunctuation, .dashPunctuation,
            .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return false
        default: return true
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || (0x30...0x39).contains(byte) }
}
