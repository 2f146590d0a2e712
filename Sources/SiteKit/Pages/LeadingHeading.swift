/// The first `#` heading of a page's Markdown, for a page whose front matter names no title (GitHub, MkDocs and
/// VitePress read a title the same way). Found by lines, before the page is parsed: the site's structure needs
/// every page's title first.
enum LeadingHeading {
    /// The heading's text (its inline Markdown made plain), and whether it is the page's first block.
    static func find(in body: String) -> (text: String, isFirstBlock: Bool)? {
        let lines = SourceLines(body)
        guard lines.count > 0 else { return nil }
        var fence: FencedCode.Fence?
        var sawContent = false
        for number in 1...lines.count {
            let line = lines.line(number)
            if let open = fence {
                if FencedCode.closes(line, open) { fence = nil }
                continue
            }
            if let opened = FencedCode.opens(line) {
                fence = opened
                sawContent = true
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if isLevelOneHeading(line), let text = plainText(of: line) { return (text, !sawContent) }
            // A setext heading (`Title` over `===`) counts as the title only as the first block.
            if !sawContent, number < lines.count, isSetextUnderline(lines.line(number + 1)),
                let text = plainText(of: Array(line) + Array("\n===".utf8))
            {
                return (text, true)
            }
            sawContent = true
        }
        return nil
    }

    /// Up to three spaces, one `#`, then white space or the end.
    private static func isLevelOneHeading(_ line: ArraySlice<UInt8>) -> Bool {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        guard rest.first == UInt8(ascii: "#") else { return false }
        let after = rest.dropFirst().first
        return after == nil || after == 0x20 || after == 0x09
    }

    /// Up to three spaces, one or more `=`, then only white space.
    private static func isSetextUnderline(_ line: ArraySlice<UInt8>) -> Bool {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let equals = rest.prefix { $0 == UInt8(ascii: "=") }.count
        return equals > 0 && rest.dropFirst(equals).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The heading's text as libcmark reads it, inline markup made plain (`` `code` `` and `*x*` show as text).
    private static func plainText(of line: some Collection<UInt8>) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        guard let document = try? MarkdownDocument(parsing: text), let heading = document.headings.first, heading.level == 1
        else { return nil }
        let trimmed = heading.text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}
