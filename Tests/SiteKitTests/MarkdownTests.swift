import Testing

@testable import SiteKit

@Suite struct MarkdownTests {
    @Test func headingsCarryLevelTextAndLine() throws {
        let document = try MarkdownDocument(parsing: "# Title\n\nText\n\n## The `id_token` *here*\n")
        #expect(
            document.headings == [
                .init(level: 1, text: "Title", line: 1),
                .init(level: 2, text: "The id_token here", line: 5),
            ])
    }

    @Test func headingsGetIdsAndSelfLinks() throws {
        let document = try MarkdownDocument(parsing: "## One\n\ntext\n\n### Two <b>x</b>\n")
        let html = MarkdownHTML.render(document, headingIDs: ["one", "two-x"])
        #expect(html.contains(##"<h2 id="one">One <a class="anchor" href="#one" aria-label="Link to this section">#</a></h2>"##))
        #expect(html.contains(##"<h3 id="two-x">Two <b>x</b> <a class="anchor" href="#two-x""##))
    }

    @Test func linkLinesPointAtTheLineHoldingTheLink() throws {
        let document = try MarkdownDocument(parsing: "Para one\nsecond line [x](a.md)\nthird [y](b.md#z)\n\n![pic](p.png)\n")
        #expect(
            document.links.map { "\($0.url) \($0.line) \($0.isImage)" } == ["a.md 2 false", "b.md#z 3 false", "p.png 5 true"])
        let html = MarkdownHTML.render(document, destinations: ["a.md": "A.MD"])
        #expect(html.contains(#"<a href="A.MD">x</a>"#))
        #expect(html.contains(#"<a href="b.md#z">y</a>"#), "a destination not listed is written as it is")
    }

    @Test func linkLinesInAndAroundATableAreThePagesLines() throws {
        // A table's cells, and the paragraph lines before and after it, are parsed as texts of their own.
        let document = try MarkdownDocument(
            parsing: "Intro\nsee [a](a.md)\n| h [b](b.md) |\n| - |\n| x |\n| [c](c.md) |\n\n| a |\n-|\n||\n|-\n[d](d.md)\n")
        #expect(document.links.map { "\($0.url) \($0.line)" } == ["a.md 2", "b.md 3", "c.md 6", "d.md 12"])
    }

    @Test func everyLinkTheRendererWritesIsAmongTheDocumentsLinks() throws {
        let text = """
            # [h](h.md)

            - [a](a.md)
            - > [b](b.md) *[c](c.md) **[d](d.md)***

            1. [![e](e.png)](f.md)

            > - nested [g](g.md)
            """
        let document = try MarkdownDocument(parsing: text)
        let urls = document.links.map(\.url)
        #expect(urls == ["h.md", "a.md", "b.md", "c.md", "d.md", "f.md", "e.png", "g.md"])
        let destinations = Dictionary(uniqueKeysWithValues: urls.map { ($0, "/resolved/" + $0) })
        let html = MarkdownHTML.render(document, destinations: destinations)
        for url in urls {
            #expect(html.contains("=\"/resolved/\(url)\""), "\(url)")
            #expect(!html.contains("=\"\(url)\""), "\(url) written unresolved")
        }
    }

    @Test func rawHTMLIsKept() throws {
        let document = try MarkdownDocument(parsing: "<div id=\"box\">raw</div>\n\ntext <span id='inline'>x</span>\n")
        #expect(Set(document.rawHTML.flatMap(Page.htmlIDs)) == ["box", "inline"])
        #expect(MarkdownHTML.render(document).contains("<div id=\"box\">raw</div>"))
    }

    @Test func codeBlocksCanBeReplaced() throws {
        let document = try MarkdownDocument(parsing: "text\n\n```js file=a.js\n```\n")
        let rewritten = try document.rewritingCodeBlocks { block in
            #expect(block.info == "js file=a.js")
            #expect(block.line == 3)
            return .codeBlock(CodeBlock(info: "js", code: "let a = 1 < 2\n", line: block.line))
        }
        #expect(MarkdownHTML.render(rewritten).contains("<pre><code class=\"language-js\">let a = 1 &lt; 2\n</code></pre>"))
    }

    /// libcmark 0.30.2 is quadratic in a paragraph's image openers (CVE-2023-22486): past the limit, an error at
    /// the paragraph's line instead of minutes of work; the same openers spread over paragraphs are fine.
    @Test func aParagraphOfThousandsOfImageOpenersIsRefused() throws {
        let many = String(repeating: "![[]()", count: MarkdownDocument.maximumImageOpeners + 1)
        #expect(throws: MarkdownDocument.Refused(line: 4, reason: .tooManyImageOpeners(MarkdownDocument.maximumImageOpeners))) {
            _ = try MarkdownDocument(parsing: "# Title\n\n\n" + many + "\n")
        }
        let spread = String(repeating: String(repeating: "![a](b) ", count: 1000) + "\n\n", count: 6)
        #expect(try MarkdownHTML.render(MarkdownDocument(parsing: spread)).contains("<img"))
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() throws {
        let deep = String(repeating: "> ", count: 5000) + "quote\n"
        #expect(throws: MarkdownDocument.Refused(line: 3, reason: .tooDeep)) {
            _ = try MarkdownDocument(parsing: "# Title\n\n" + deep)
        }
        let fine = String(repeating: "> ", count: 50) + "quote\n"
        #expect(try MarkdownHTML.render(MarkdownDocument(parsing: fine)).contains("quote"))
    }

    @Test(arguments: [
        ("Create the HTML page", "create-the-html-page"),
        ("Use the id_token on your server!", "use-the-id_token-on-your-server"),
        ("What's new in 1.2.1?", "whats-new-in-121"),
        ("Éléments  clés", "éléments--clés"),
        ("???", "section"),
    ])
    func slugsFollowGitHub(text: String, slug: String) {
        #expect(HeadingSlugger.baseSlug(text) == slug)
    }

    @Test func repeatedHeadingsGetNumberedSlugs() {
        var slugger = HeadingSlugger()
        #expect(
            ["Setup", "Setup", "Setup 1", "Setup"].map { slugger.slug(for: $0) } == ["setup", "setup-1", "setup-1-1", "setup-2"])
    }
}

@Suite struct MarkdownRewriteErrorTests {
    struct Refused: Error {}

    @Test func aThrowingRewriteLeavesNothingBroken() throws {
        let document = try MarkdownDocument(parsing: "# T\n\n- [a](x.md)\n- > [b](y.md) *[c](z.md)*\n\n```js file=a\n```\n")
        for _ in 0..<50 {
            #expect(throws: Refused.self) { _ = try document.rewritingCodeBlocks { _ in throw Refused() } }
        }
        #expect(MarkdownHTML.render(document).contains("x.md"))
    }
}
