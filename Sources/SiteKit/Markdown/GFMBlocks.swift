/// GFM's block-level steps on values: task list items and GitHub's alerts.
enum GFMBlocks {
    /// A list item's blocks with a leading `[ ]`, `[x]` or `[X]` (then a space or tab) made a task marker.
    static func taskItem(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        guard case .paragraph(let inlines)? = blocks.first, case .text(let text)? = inlines.first else { return blocks }
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]"),
            bytes[3] == 0x20 || bytes[3] == 0x09
        else { return blocks }
        let checked: Bool
        switch bytes[1] {
        case 0x20: checked = false
        case UInt8(ascii: "x"), UInt8(ascii: "X"): checked = true
        default: return blocks
        }
        let rest = String(decoding: bytes.dropFirst(3).drop { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self)
        let paragraph: [MarkdownInline] =
            [.taskMarker(checked: checked)] + (rest.isEmpty ? [] : [.text(rest)]) + inlines.dropFirst()
        return [.paragraph(paragraph)] + blocks.dropFirst()
    }

    /// A block quote whose first line is `[!NOTE]` (or TIP, IMPORTANT, WARNING, CAUTION; any case) alone, as an
    /// alert of the quote's other content; nil for any other quote (an unknown kind, text after the marker, or
    /// nothing after it), which stays a quote as on GitHub.
    static func alert(in blocks: [MarkdownBlock]) -> MarkdownBlock? {
        guard case .paragraph(let inlines)? = blocks.first, case .text(let marker)? = inlines.first,
            marker.hasPrefix("[!"), marker.hasSuffix("]"),
            let kind = AlertKind(rawValue: String(marker.dropFirst(2).dropLast()).lowercased())
        else { return nil }
        var rest = Array(inlines.dropFirst())
        if let first = rest.first {
            guard first == .softBreak || first == .lineBreak else { return nil }
            rest.removeFirst()
        }
        let content = (rest.isEmpty ? [] : [MarkdownBlock.paragraph(rest)]) + blocks.dropFirst()
        return content.isEmpty ? nil : .alert(kind, content)
    }
}
