import Foundation
import TestSupport
import Testing

/// What a published site has beyond its pages' text: fingerprinted theme files, each page's Markdown and
/// `llms.txt`, social card tags, the edit link, "Last updated" from git, and warnings and errors for authors.
@Suite struct SiteFeaturesTests {
    /// The href of the first `<link rel="stylesheet">` and the src of the first script in a page.
    static func themeFiles(_ html: String) -> (css: String, js: String) {
        let css = html.components(separatedBy: "rel=\"stylesheet\" href=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
        let js = html.components(separatedBy: "<script src=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
        return (String(css), String(js))
    }

    static func site() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.folder.write("content/assets/site.css", "body { color: black; }\n")
        try site.folder.write("content/assets/code-copy.js", "// copy\n")
        return site
    }

    @Test func theThemesFilesCarryADigestOfTheirContentAndEveryReferenceFollows() throws {
        let site = try Self.site()
        try site.folder.write("content/demo/index.html", "<link rel=\"stylesheet\" href=\"../assets/site.css\">\n")
        #expect(try site.build().status == 0)
        let first = Self.themeFiles(try #require(site.folder.read("site/index.html")))
        #expect(first.css.hasPrefix("/assets/site.") && first.css.hasSuffix(".css") && first.css != "/assets/site.css")
        #expect(first.js.hasPrefix("/assets/code-copy.") && first.js.hasSuffix(".js"))
        #expect(site.folder.read("site" + first.css) == "body { color: black; }\n")
        #expect(!site.folder.exists("site/assets/site.css"), "only the fingerprinted name is published")
        let demo = try #require(site.folder.read("site/demo/index.html"))
        #expect(demo.contains("../" + first.css.dropFirst()), "the demo's reference follows: \(demo)")
        #expect(site.folder.exists("site/demo/app.js"), "the demo's own files keep their names")

        try site.folder.write("content/assets/site.css", "body { color: navy; }\n")
        #expect(try site.build().status == 0)
        let second = Self.themeFiles(try #require(site.folder.read("site/index.html")))
        #expect(second.css != first.css, "a changed stylesheet gets a new name")
        #expect(second.js == first.js, "an unchanged script keeps its name")
    }

    @Test func eachPagesMarkdownIsPublishedBesideItWithIncludesExpandedAndListedInLLMsText() throws {
        let site = try Self.site()
        try site.folder.write(
            "content/site.yml",
            "title: Fixture\ndescription: A fixture site.\nsearch: false\nconnect:\n  version: 1.2.1\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"
        )
        #expect(try site.build().status == 0)
        let markdown = try #require(site.folder.read("site/index.md"))
        #expect(markdown.hasPrefix("# Home\n"))
        #expect(
            markdown.contains(
                "```js title=demo/app.js\nimport passwordless from 'https://unpkg.com/@passwordless-id/connect@1.2.1/dist/connect.min.js'\npassword"
            ))
        #expect(!markdown.contains("file="), "the include is expanded: \(markdown)")
        #expect(site.folder.exists("site/guide/setup.md"))
        let index = try #require(site.folder.read("site/llms.txt"))
        #expect(index.hasPrefix("# Fixture\n\n> A fixture site.\n\n## Pages\n"))
        #expect(index.contains("- [Setup](http://localhost:8000/guide/setup.md)"), "\(index)")
        let page = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(page.contains(#"<link rel="alternate" type="text/markdown" href="/guide/setup.md">"#))
    }

    @Test func socialCardsNameTheTitleDescriptionURLAndImage() throws {
        let site = try Self.site()
        try site.folder.write("content/images/card.png", "png")
        try site.folder.write(
            "content/guide/setup.md",
            "---\ntitle: Setup\ndescription: How to set up.\nimage: ../images/card.png\n---\n## Install\nText.\n")
        #expect(try site.build("--base-url", "https://owner.github.io/repo/").status == 0)
        let page = try #require(site.folder.read("site/guide/setup/index.html"))
        for tag in [
            #"<meta property="og:title" content="Setup">"#, #"<meta property="og:description" content="How to set up.">"#,
            #"<meta property="og:url" content="https://owner.github.io/repo/guide/setup/">"#,
            #"<meta property="og:site_name" content="Fixture">"#,
            #"<meta property="og:image" content="https://owner.github.io/repo/images/card.png">"#,
            #"<meta name="twitter:card" content="summary_large_image">"#,
        ] {
            #expect(page.contains(tag), "\(tag)")
        }
        let home = try #require(site.folder.read("site/index.html"))
        #expect(home.contains(#"<meta name="twitter:card" content="summary">"#) && !home.contains("og:image"))

        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\nimage: missing.png\n---\n## Install\n")
        let failed = try site.build()
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains("content/guide/setup.md:3: error: image `missing.png` is not a file under content/"),
            "\(failed.stderr)")
    }

    @Test func anEditLinkWhenTheConfigNamesWhereSourcesAreEdited() throws {
        let site = try Self.site()
        #expect(try site.build().status == 0)
        #expect(try #require(site.folder.read("site/guide/setup/index.html")).contains("Edit this page") == false)
        try site.folder.write(
            "content/site.yml",
            "title: Fixture\neditURL: https://github.com/owner/repo/edit/main/content\nsearch: false\nconnect:\n  version: 1.2.1\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"
        )
        #expect(try site.build().status == 0)
        let page = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(page.contains(#"<a href="https://github.com/owner/repo/edit/main/content/guide/setup.md">Edit this page</a>"#))
    }

    @Test func lastUpdatedComesFromGitInOneCallAndIsAbsentOutsideHistory() throws {
        let site = try Self.site()
        #expect(try site.build().status == 0)
        #expect(try #require(site.folder.read("site/index.html")).contains("Last updated") == false, "no repository")

        let git = try #require(which("git"))
        let environment = [
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
            "GIT_AUTHOR_DATE": "2025-03-04T05:06:07Z", "GIT_COMMITTER_DATE": "2025-03-04T05:06:07Z", "HOME": site.root.path,
        ]
        for arguments in [["init", "-q"], ["add", "content/index.md"], ["commit", "-q", "-m", "home"]] {
            let result = try run(git, arguments, in: site.root, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try site.build().status == 0)
        let home = try #require(site.folder.read("site/index.html"))
        #expect(home.contains(#"Last updated <time datetime="2025-03-04T05:06:07Z">2025-03-04</time>"#), "\(home)")
        let setup = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(!setup.contains("Last updated"), "a file git does not know has no date")
    }

    @Test func aFootnoteWithoutDefinitionIsAWarningWithItsLineAndTheBuildGoesOn() throws {
        let site = try Self.site()
        try site.folder.write(
            "content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\n\nSee[^missing] and[^1].\n\n[^1]: Here.\n")
        let result = try site.build()
        #expect(result.status == 0)
        #expect(
            result.stderr.contains("content/guide/setup.md:6: warning: footnote reference [^missing] has no definition"),
            "\(result.stderr)")
        let page = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(page.contains("See[^missing] and<sup><a href=\"#fn-1\" id=\"fnref-1\""))
    }

    @Test func aBadMarkIsAnErrorAtItsLineAndThePreviousSiteStays() throws {
        let site = try Self.site()
        #expect(try site.build().status == 0)
        let before = try site.folder.snapshot("site")
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\n\n```js mark=9\nlet a = 1\n```\n")
        let result = try site.build()
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("content/guide/setup.md:6: error: `mark=9` names line 9, but the code has 1 line"),
            "\(result.stderr)")
        #expect(try site.folder.snapshot("site") == before)
    }
}
