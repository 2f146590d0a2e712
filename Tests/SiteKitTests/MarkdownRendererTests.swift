import CCmark
import Foundation
import TestSupport
import Testing

@testable import SiteKit

/// The Swift renderer must write what libcmark's own HTML renderer writes for the same CommonMark document (GitHub's
/// extensions are held to the GFM spec in GFMSpecTests and MarkdownExtensionTests): libcmark is the
/// reference, run here on the same text.
@Suite struct MarkdownRendererTests {
    static func cmarkHTML(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { buffer in
                guard let html = cmark_markdown_to_html(buffer.baseAddress, buffer.count, CMARK_OPT_UNSAFE) else { return "" }
                defer { free(html) }
                return String(cString: html)
            }
        }
    }

    static func ours(_ text: String) throws -> String {
        MarkdownHTML.render(try MarkdownDocument(parsing: text, flavor: .commonMark))
    }

    static let snippets: [String] = [
        "", "plain", "a'b\"c&d<e>f /x", "# H1\n## H2 *em* `code`\n###### H6 #", "Setext\n===\n\nOther\n---",
        "- a\n- b\n\n- c", "- tight\n- list", "1. one\n2. two", "3) three\n4) four", "7. seven\n\n   para\n8. eight",
        "- a\n  - b\n    - c\n\n      deep para", "> quote\n> more\n>\n> - list in quote", "> > nested\n> back",
        "```\nno info\n```", "```js x=1 y\ncode < & > \"\n```", "~~~ swift\nlet a = 1\n~~~", "    indented\n    code",
        "<div>\n*raw*\n</div>", "text <span id='x'>inline</span> html", "<!-- comment -->\n\ntext",
        "[link](http://x/a b 'title') [ref][r]\n\n[r]: /url \"T&itle\"", "<http://auto.link/a'b?c=d&e>",
        "![img *alt* `c`\nline](p.png \"t\")", "![nested ![a](b)](c)", "[a ![b](c) d](e)", "line  \nhard break",
        "line\\\nbackslash break", "*em* **strong** ***both*** _u_ __uu__", "`` code with ` tick ``", "&amp; &copy; &#35; &#x22;",
        "\\*not em\\* \\[x\\]", "***\n---\n___", "a\n\n\n\nb", "tab\there", "é ü 日本 😀 \u{0}", "[x](<a b>) [y](é) [z](a%20b)",
        "- [ ] task\n- [x] done", "| a | b |\n|---|---|\n| 1 | 2 |", "1. a\n\n   ```\n   code\n   ```\n2. b",
        "* a\n\n  > q\n* b", "Heading with trailing #s ##\n===", "<pre>\nraw pre\n</pre>", "[empty]()", "[](empty-text)",
        "**bold [link](u) _em_**", "a_b_c a*b*c", "> ```\n> code in quote\n> ```", "- \n  after empty item", "  - a\n - b\n- c",
    ]

    @Test(arguments: snippets)
    func snippetsRenderAsLibcmarkDoes(text: String) throws {
        #expect(try Self.ours(text) == Self.cmarkHTML(text))
    }

    @Test func theSitesOwnPagesRenderAsLibcmarkDoes() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        let pages = try FileManager.default.contentsOfDirectory(atPath: content.path).filter { $0.hasSuffix(".md") }
        #expect(!pages.isEmpty)
        for page in pages {
            let text = try String(contentsOf: content.appendingPathComponent(page), encoding: .utf8)
            #expect(try Self.ours(text) == Self.cmarkHTML(text), "\(page)")
        }
    }

    /// Documents put together at random from pieces that interact (containers, inlines, breaks), fixed seed.
    @Test func randomDocumentsRenderAsLibcmarkDoes() throws {
        let pieces = [
            "> ", "- ", "1. ", "  ", "    ", "*", "**", "_", "`", "[", "](", ")", "![", "<b>", "</b>", "\n", "\n\n", "#", " ",
            "text", "&amp;", "<", ">", "\"", "'", "```", "~~~", "\\", "|", "---", "===", "http://x", "<http://a.b/c>", "é",
            "\t", "2) ", "+ ", "<div>", "</div>", "<!--", "-->", "[r]: /u 't'\n", "[r]",
        ]
        var generator = SplitMix64(seed: 2026_11_26)
        var differing: [String] = []
        for _ in 0..<3000 {
            let count = Int(generator.next() % 40) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            if try Self.ours(text) != Self.cmarkHTML(text) { differing.append(text) }
        }
        #expect(differing.count == 0, "\(differing.prefix(5).map(\.debugDescription))")
    }
}
