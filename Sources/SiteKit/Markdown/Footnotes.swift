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
    /// them, and lines that lazily continue its first paragraph.
    static func extractDefinitions(from source: String) -> (text: String, definitions: [Definition]) {
        guard source.containsBytes("[^") else { return (source, []) }
        var lines = source.lines.map(String.init)
        let ending = source.lineEnding
        var definitions: [Definition] = []
        var fence: (character: Character, length: Int)? = nil
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let open = fence {
                if FencedCode.closes(line, open) { fence = nil }
                index += 1
                continue
            }
            if let opened = FencedCode.opens(line) {
                fence = opened
                index += 1
                continue
            }
            guard let (label, firstText) = definitionStart(line) else {
                index += 1
                continue
            }
            var content = [firstText]
            var end = index + 1
            var pendingBlanks = 0
            var lazyAllowed = !firstText.allSatisfy(\.isWhitespace)
            while end < lines.count {
                let next = lines[end]
                if next.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    pendingBlanks += 1
                } else if let dedented = dedentedByFour(next) {
                    content += Array(repeating: "", count: pendingBlanks) + [dedented]
                    pendingBlanks = 0
                    lazyAllowed = true
                } else if pendingBlanks == 0, lazyAllowed, !startsBlock(next) {
                    content.append(next)
                } else {
                    break
                }
                end += 1
            }
            let consumed = end - pendingBlanks
            definitions.append(Definition(label: key(label), content: content.joined(separator: "\n"), firstLine: index + 1))
            for blank in index..<consumed { lines[blank] = "" }
            index = consumed
        }
        return (lines.joined(separator: ending), definitions)
    }

    /// Labels compare as link labels do: without regard to case.
    static func key(_ label: String) -> String { label.lowercased() }

    /// Characters a label cannot hold (cmark-gfm's scanner: no white space, no `]`); `[` would start another.
    static func isLabelBreaking(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0 || byte == UInt8(ascii: "[")
    }

    /// `[^label]:` at the start of a line (up to three spaces in): the label and the text after it.
    private static func definitionStart(_ line: String) -> (String, String)? {
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, index < 3, bytes[index] == 0x20 { index += 1 }
        guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") else {
            return nil
        }
        var end = index + 2
        while end < bytes.count, bytes[end] != UInt8(ascii: "]") {
            if isLabelBreaking(bytes[end]) { return nil }
            end += 1
        }
        guard end > index + 2, end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: ":") else { return nil }
        var textStart = end + 2
        while textStart < bytes.count, bytes[textStart] == 0x20 || bytes[textStart] == 0x09 { textStart += 1 }
        return (String(decoding: bytes[(index + 2)..<end], as: UTF8.self), String(decoding: bytes[textStart...], as: UTF8.self))
    }

    /// The line less four columns of indent (a tab counts to the next multiple of four), or nil with less.
    private static func dedentedByFour(_ line: String) -> String? {
        var column = 0
        var index = line.startIndex
        while column < 4, index < line.endIndex {
            switch line[index] {
            case " ": column += 1
            case "\t": column += 4 - column % 4
            default: return nil
            }
            index = line.index(after: index)
        }
        return column >= 4 ? String(repeating: " ", count: column - 4) + line[index...] : nil
    }

    /// Whether a line would start a block rather than continue a paragraph lazily.
    private static func startsBlock(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count < 4, let first = trimmed.first else { return false }
        if "#>|".contains(first) || definitionStart(line) != nil || FencedCode.opens(line) != nil { return true }
        if first == "<" { return true }
        let bytes = Array(trimmed.utf8)
        if "-*+".contains(first), bytes.count == 1 || bytes[1] == 0x20 || bytes[1] == 0x09 { return true }
        if ["---", "***", "___"].contains(where: { trimmed.hasPrefix($0) }) { return true }
        let digits = bytes.prefix { (0x30...0x39).contains($0) }.count
        if digits > 0, digits < bytes.count, bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")") {
            return true
        }
        return false
    }

    /// Numbers the references (by first appearance: the document, then notes as they are reached) and returns the
    /// notes that have references, in number order.
    static func number(_ blocks: [MarkdownBlock], notes: [String: [MarkdownBlock]]) -> ([MarkdownBlock], [Footnote]) {
        var numbers: [String: Int] = [:]
        var counts: [String: Int] = [:]
        var order: [String] = []
        func visit(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
            inlines.map { inline in
                switch inline {
                case .footnoteReference(let label, _, _):
                    if numbers[label] == nil {
                        numbers[label] = numbers.count + 1
                        order.append(label)
                    }
                    counts[label, default: 0] += 1
                    return .footnoteReference(label: label, number: numbers[label] ?? 0, occurrence: counts[label] ?? 1)
                case .emphasis(let children): return .emphasis(visit(children))
                case .strong(let children): return .strong(visit(children))
                case .strikethrough(let children): return .strikethrough(visit(children))
                case .link(let link, let children): return .link(link, visit(children))
                default: return inline
                }
            }
        }
        let numbered = blocks.map { $0.mappingInlines(visit) }
        var footnotes: [Footnote] = []
        var position = 0
        while position < order.count {
            let label = order[position]
            let body = (notes[label] ?? []).map { $0.mappingInlines(visit) }
            footnotes.append(Footnote(number: position + 1, blocks: body, references: 0))
            position += 1
        }
        for index in footnotes.indices { footnotes[index].references = counts[order[index]] ?? 1 }
        return (numbered, footnotes)
    }
}

/// Lines of a document that may define link references (`[label]: destination`), with the lines after each
/// until a blank one: parsed after a table's cells or a footnote, they give those the document's references.
enum ReferenceDefinitions {
    static func lines(in source: String) -> String {
        guard source.containsBytes("]:") else { return "" }
        var found: [Substring] = []
        var taking = false
        for line in source.lines {
            let content = SourceLines.droppingBlockQuoteMarkers(ArraySlice(line.utf8), depth: 8)
            let text = String(decoding: content, as: UTF8.self)
            let indent = text.prefix { $0 == " " }.count
            let start = text.dropFirst(indent)
            // Footnote definitions are not link references (and are taken out before parsing).
            if indent < 4, start.hasPrefix("["), !start.hasPrefix("[^"), text.containsBytes("]:") {
                taking = true
            } else if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                taking = false
            }
            if taking { found.append(Substring(text)) }
        }
        return found.joined(separator: "\n")
    }
}
