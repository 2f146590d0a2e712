import Foundation

/// Each page's Markdown for readers and tools, published beside it at its source path (`guide/verify.md`, where
/// its links to other pages' `.md` files work as written), with includes expanded so that it is what the page's
/// reader sees; and `llms.txt`, the pages with their descriptions (llmstxt.org's format).
enum MarkdownCopies {
    static let index = "llms.txt"

    /// Where a page's Markdown is published, as a URL path under the site's base.
    static func path(of page: Page) -> String {
        page.sourcePath.percentEncodedPath
    }

    /// The title as a heading, the description as a quote, then the body with each `file=` block filled in.
    static func text(of page: Page, includes: CodeInclude) throws -> String {
        var text = "# \(Self.escaped(page.title))\n\n"
        if let description = page.frontMatter.description, !description.isEmpty { text += "> \(Self.escaped(description))\n\n" }
        let body = page.body.utf8.last == UInt8(ascii: "\n") ? page.body : page.body + "\n"
        // Most pages include nothing: their body is published as it is.
        guard page.body.containsBytes("file=") else { return text + body }
        let lines = SourceLines(body)
        var output: [String] = []
        var fence: FencedCode.Fence? = nil
        var pendingInclude: (opening: String, info: String, line: Int)? = nil
        for number in 1...lines.count {
            let line = lines.line(number)
            if let open = fence {
                if FencedCode.closes(line, open) {
                    fence = nil
                    if let include = pendingInclude {
                        let block = try includes.expand(CodeBlock(info: include.info, code: "", line: include.line), page: page)
                        output.append(include.opening + block.info)
                        // Its last line ending is the join's (by byte: CR LF is one Character to `hasSuffix`).
                        var code = Substring(block.code)
                        if code.utf8.last == UInt8(ascii: "\n") { code = code.dropLast() }
                        output.append(String(code))
                        pendingInclude = nil
                    }
                    output.append(String(decoding: line, as: UTF8.self))
                } else if pendingInclude == nil {
                    output.append(String(decoding: line, as: UTF8.self))
                }
                continue
            }
            if let opened = FencedCode.opens(line) {
                fence = opened
                let info = FencedCode.info(line, opened)
                if CodeBlockInfo(info)["file"] != nil {
                    let indent = String(repeating: " ", count: line.prefix { $0 == 0x20 }.count)
                    let marks = String(repeating: Character(UnicodeScalar(opened.character)), count: opened.length)
                    pendingInclude = (indent + marks, info, number)
                    continue
                }
            }
            output.append(String(decoding: line, as: UTF8.self))
        }
        // The last "line" after the final line ending is empty.
        return text + output.joined(separator: "\n")
    }

    /// `llms.txt`: the site's title and description, then a link to each page's Markdown with its description.
    static func llmsText(pages: [Page], config: SiteConfig, baseURL: BaseURL) -> String {
        var text = "# \(escaped(config.title))\n\n"
        if !config.description.isEmpty { text += "> \(escaped(config.description))\n\n" }
        text += "## Pages\n\n"
        for page in pages where !page.isNotFoundPage {
            // A path's `(` and `)` percent-encoded too, so that the link's destination ends where it should.
            let url = (baseURL.absolute + path(of: page)).replacingBytes("(", with: "%28").replacingBytes(")", with: "%29")
            text += "- [\(escaped(page.title))](\(url))"
            if let description = page.frontMatter.description, !description.isEmpty { text += ": \(escaped(description))" }
            text += "\n"
        }
        return text
    }

    /// A title or description as Markdown text that reads as itself: on one line (a line break would start a
    /// heading or a list of its own), with the characters that make links, emphasis, code or HTML escaped.
    static func escaped(_ text: String) -> String {
        // Most titles hold none of these: kept as they are, without a copy.
        if !text.utf8.contains(where: { needsEscape[Int($0)] }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": result.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "!", "|", "~", "&", "#", "(", ")":
                result.append("\\")
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The bytes `escaped(_:)` changes, and the lead bytes of the line separators it turns into spaces.
    private static let needsEscape: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "\\`*_[]<>!|~&#()\n\r".utf8 { table[Int(byte)] = true }
        for byte: UInt8 in [0x0B, 0x0C, 0xC2, 0xE2] { table[Int(byte)] = true }
        return table
    }()
}
