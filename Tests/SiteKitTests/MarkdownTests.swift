import Testing

@testable import SiteKit

@Suite struct MarkdownTests {
    @Test func headingsCarryLevelTextAndLine() {
        let document = MarkdownDocument(parsing: "# Title\n\nText\n\n## The `id_token` *here*\n")
        #expect(
            document.headings == [
                .init(level: 1, text: "Title", line: 1),
                .init(level: 2, text: "The id_token here", line: 5),
            ])
    }

    @Test func headingsGetIdsAndSelfLinks() {
        let document = MarkdownDocument(parsing: "## One\n\ntext\n\n### Two <b>x</b>\n")
        let html = document.renderHTML(headingIDs: ["one", "two-x"])
        #expect(html.contains(##"<h2 id="one">One <a class="anchor" href="#one" aria-label="Link to this section">#</a></h2>"##))
        #expect(html.contains(##"<h3 id="two-x">Two <b>x</b> <a class="anchor" href="#two-x""##))
    }

    @Test func linkLinesPointAtTheLineHoldingTheLink() {
        let document = MarkdownDocument(parsing: "Para one\nsecond line [x](a.md)\nthird [y](b.md#z)\n\n![pic](p.png)\n")
        var seen: [String] = []
        document.rewriteLinks { link in
            seen.append("\(link.url) \(link.line()) \(link.isImage)")
            return link.url.uppercased()
        }
        #expect(seen == ["a.md 2 false", "b.md#z 3 false", "p.png 5 true"])
        #expect(document.renderHTML(headingIDs: []).contains(#"<a href="A.MD">x</a>"#))
    }

    @Test func rawHTMLIsKept() {
        let document = MarkdownDocument(parsing: "<div id=\"box\">raw</div>\n\ntext <span id='inline'>x</span>\n")
        #expect(Set(document.rawHTML.flatMap(Page.htmlIDs)) == ["box", "inline"])
        #expect(document.renderHTML(headingIDs: []).contains("<div id=\"box\">raw</div>"))
    }

    @Test func codeBlocksCanBeReplaced() {
        let document = MarkdownDocument(parsing: "text\n\n```js file=a.js\n```\n")
        document.rewriteCodeBlocks { block in
            #expect(block.info == "js file=a.js")
            #expect(block.line == 3)
            return .init(info: "js", code: "let a = 1 < 2\n", line: block.line)
        }
        #expect(document.renderHTML(headingIDs: []).contains("<pre><code class=\"language-js\">let a = 1 &lt; 2\n</code></pre>"))
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
