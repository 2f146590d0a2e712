import Foundation
import TestSupport
import Testing

@Suite struct BuildSiteTests {
    @Test func buildsPrettyURLsWithIncludesAndResolvedLinks() throws {
        let site = try FixtureSite()
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        // The home page, guide/setup.md, and a generated list for the guide/ section.
        #expect(result.stdout.hasPrefix("Built 3 pages and 5 assets in "), "two of the fixture's, three of the built-in theme's")
        #expect(result.stdout.contains("into site/"))
        let home = try #require(site.folder.read("site/index.html"))
        #expect(home.contains(#"<a href="/guide/setup/#install">guide</a>"#))
        #expect(home.contains(#"<a href="/demo/">demo</a>"#))
        #expect(
            home.contains(
                #"<span class="tok-keyword">import</span> passwordless <span class="tok-keyword">from</span> <span class="tok-string">'"#
                    + FixtureSite.pinnedURL + "'</span>"))
        #expect(!home.contains("#region"))
        let guide = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(guide.contains(#"<a href="/#start">home</a>"#))
        #expect(guide.contains(##"<a href="#use">below</a>"##))
        #expect(site.folder.read("site/demo/app.js")?.contains(FixtureSite.pinnedURL) == true)
        #expect(site.folder.read("site/demo/app.js")?.contains("#region") == false)
        #expect(site.folder.exists("site/.nojekyll"))
        #expect(site.folder.read("site/sitemap.xml")?.contains("<loc>http://localhost:8000/guide/setup/</loc>") == true)
    }

    /// Authors percent-encode names with spaces; the link resolves to the page, and the URL written stays encoded
    /// (a raw space in an `href` is invalid HTML).
    @Test func percentEncodedLinksResolveAndStayEncoded() throws {
        let site = try FixtureSite()
        try site.folder.write("content/guide/first steps.md", "---\ntitle: First\n---\n## Go\nText.\n")
        try site.folder.write(
            "content/guide/setup.md",
            "---\ntitle: Setup\n---\n## Install\nSee [first](first%20steps.md#go) and [again](./first%20steps.md).\n")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let setup = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(setup.contains(#"<a href="/guide/first%20steps/#go">first</a>"#), "\(setup)")
        #expect(setup.contains(#"<a href="/guide/first%20steps/">again</a>"#))
        #expect(site.folder.exists("site/guide/first steps/index.html"))

        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\nSee [x](first%20step.md).\n")
        let broken = try site.build()
        #expect(broken.status != 0)
        #expect(
            broken.stderr.contains("content/guide/setup.md:5: error: link to missing page `first%20step.md`"), "\(broken.stderr)")
    }

    @Test func progressShowsOnATerminalOnly() throws {
        let site = try FixtureSite()
        let quiet = try site.build()
        #expect(quiet.stderr.isEmpty, "no progress when stderr is not a terminal")
        let script = try #require(which("script"), "util-linux's script gives the build a terminal")
        let onTerminal = try run(script, ["-qec", Executable.url("build-site").path, "/dev/null"], in: site.root)
        #expect(onTerminal.status == 0)
        #expect(onTerminal.stdout.contains("build-site: rendering 3 pages"), "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("Built 3 pages"))
    }

    @Test func subPathBaseURLPrefixesEveryInternalURL() throws {
        let site = try FixtureSite()
        let result = try site.build("--base-url", "https://owner.github.io/repo")
        #expect(result.status == 0, "\(result.stderr)")
        for (path, data) in try site.folder.snapshot("site") where path.hasSuffix(".html") && path.hasPrefix("demo/") == false {
            let html = String(decoding: data, as: UTF8.self)
            for attribute in ["href=\"/", "src=\"/"] {
                for range in html.ranges(of: attribute) {
                    #expect(html[range.upperBound...].hasPrefix("repo/"), "\(path) has a root URL outside /repo/")
                }
            }
        }
        #expect(site.folder.read("site/sitemap.xml")?.contains("<loc>https://owner.github.io/repo/guide/setup/</loc>") == true)
        #expect(
            site.folder.read("site/index.html")?.contains(#"<link rel="canonical" href="https://owner.github.io/repo/">"#) == true
        )
    }

    @Test func twoBuildsAreByteIdenticalAndStaleFilesGo() throws {
        let site = try FixtureSite()
        #expect(try site.build().status == 0)
        let first = try site.folder.snapshot("site")
        try site.folder.write("site/stale.html", "old")
        #expect(try site.build().status == 0)
        #expect(try site.folder.snapshot("site") == first)
        #expect(!site.folder.exists("site/stale.html"))
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let site = try FixtureSite()
        try site.folder.write("content/wip.md", "---\ntitle: Work in progress\ndraft: true\n---\nSoon.\n")
        #expect(try site.build().status == 0)
        #expect(!site.folder.exists("site/wip/index.html"))
        #expect(try site.build("--drafts").status == 0)
        #expect(site.folder.exists("site/wip/index.html"))
    }

    @Test func pagesMayPickAKnownLayout() throws {
        let site = try FixtureSite()
        try site.folder.write("templates/bare.mustache", "<title>{{page.title}}</title>{{{page.content}}}")
        try site.folder.write("content/bare.md", "---\ntitle: Bare\nlayout: bare\n---\nPlain.\n")
        #expect(try site.build().status == 0)
        #expect(site.folder.read("site/bare/index.html") == "<title>Bare</title><p>Plain.</p>\n")
    }

    @Test func twoSpellingsOfOneNameAreAnErrorNotACrash() throws {
        let site = try FixtureSite()
        #expect(try site.build().status == 0)
        let before = try site.folder.snapshot("site")
        try site.folder.write("content/guide/caf\u{E9}.md", "---\ntitle: Precomposed\n---\nOne.\n")
        try site.folder.write("content/guide/cafe\u{301}.md", "---\ntitle: Combining\n---\nTwo.\n")
        let result = try site.build()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("error: has the same name as content/guide/"), "\(result.stderr)")
        #expect(result.stderr.contains(#"`guide/caf\u{E9}.md`"#) && result.stderr.contains(#"`guide/cafe\u{301}.md`"#))
        #expect(try site.folder.snapshot("site") == before)
    }

    @Test func linksSpelledInAnotherUnicodeFormGoWhereTheBytesAre() throws {
        let site = try FixtureSite()
        try site.folder.write("content/img/caf\u{E9}.png", Data([0x89, 0x50, 0x4E, 0x47]))
        try site.folder.write("content/caf\u{E9}/index.html", "<p>A folder.</p>\n")
        // Typed with a combining accent: one name to Swift's `==`, another URL to a web server.
        try site.folder.write(
            "content/guide/setup.md",
            "---\ntitle: Setup\norder: 2\n---\n## Install\n## Use\n![cup](../img/cafe\u{301}.png) [folder](../cafe\u{301}/)\n")
        #expect(try site.build().status == 0)
        let page = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(page.contains(#"src="/img/caf%C3%A9.png""#) && page.contains(#"href="/caf%C3%A9/""#), "\(page)")
        #expect(!page.contains("%CC%81"), "the link's own spelling would be a 404")

        // A fragment is matched to an id by its bytes, as a browser does.
        try site.folder.write(
            "content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Install\n## Caf\u{E9}\n[x](#cafe\u{301})\n")
        let sameFolder = try site.build()
        #expect(sameFolder.status == 1)
        #expect(
            Self.bytes(
                sameFolder.stderr,
                contain:
                    "content/guide/setup.md:7: error: link to `#cafe\u{301}`, but this page has no such heading or id (it has `caf\u{E9}`, spelled another way in Unicode)"
            ), "\(sameFolder.stderr)")
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Install\n## Use\n## Caf\u{E9}\n")
        try site.folder.write("content/other.md", "---\ntitle: Other\n---\n[x](guide/setup.md#cafe\u{301})\n")
        let otherPage = try site.build()
        #expect(otherPage.status == 1)
        #expect(Self.bytes(otherPage.stderr, contain: "content/other.md:4: error: link to `guide/setup.md#cafe\u{301}`"))
        #expect(otherPage.stderr.contains("spelled another way in Unicode"), "\(otherPage.stderr)")
    }

    /// Byte for byte: String's `contains` takes `é` and `e` with a combining accent as the same.
    static func bytes(_ text: String, contain part: String) -> Bool { Data(text.utf8).range(of: Data(part.utf8)) != nil }

    @Test func aNameStartingWithAnUnderscoreStaysUnpublishedWhateverFollows() throws {
        let site = try FixtureSite()
        // `_` and a combining accent are one Character, whose first byte is still the underscore.
        try site.folder.write("content/_\u{301}notes.md", "---\ntitle: Private\n---\nNot for readers.\n")
        try site.folder.write("content/_\u{301}drafts/a.txt", "private\n")
        #expect(try site.build().status == 0)
        #expect(!site.folder.exists("site/_\u{301}notes/index.html"))
        #expect(!site.folder.exists("site/_\u{301}drafts/a.txt"))
    }

    /// Each case breaks one file; the build must fail naming the file and line, and keep the previous site.
    static let brokenInputs: [(name: String, file: String, contents: Data, expected: String)] = [
        (
            "bad YAML", "content/guide/setup.md", Data("---\ntitle: Setup\norder: [1\n---\nx\n".utf8),
            "content/guide/setup.md:4: error: invalid YAML"
        ),
        (
            "empty title", "content/guide/setup.md", Data("---\ntitle: \"  \"\norder: 2\n---\nx\n".utf8),
            "content/guide/setup.md:2: error: `title` is empty"
        ),
        (
            "not UTF-8", "content/guide/setup.md", Data("---\ntitle: T\n---\nok\n\u{0}".utf8) + Data([0xFF, 0xFE]),
            "content/guide/setup.md:5: error: file is not valid UTF-8"
        ),
        (
            "unknown layout", "content/guide/setup.md", Data("---\ntitle: T\nlayout: fancy\n---\n".utf8),
            "content/guide/setup.md:3: error: unknown layout `fancy`"
        ),
        (
            "missing include", "content/guide/setup.md", Data("---\ntitle: T\n---\n\n```js file=demo/nope.js\n```\n".utf8),
            "content/guide/setup.md:5: error: included file `demo/nope.js` does not exist"
        ),
        (
            "include traversal", "content/guide/setup.md",
            Data("---\ntitle: T\n---\n```txt file=../templates/page.mustache\n```\n".utf8),
            "content/guide/setup.md:4: error: `../templates/page.mustache` leaves content/"
        ),
        (
            "missing region", "content/guide/setup.md",
            Data("---\ntitle: T\n---\n```js file=demo/app.js region=nope\n```\n".utf8),
            "content/guide/setup.md:4: error: `content/demo/app.js` has no region `nope`"
        ),
        (
            "link to missing page", "content/guide/setup.md", Data("---\ntitle: T\n---\nText\nsee [x](gone.md)\n".utf8),
            "content/guide/setup.md:5: error: link to missing page `gone.md`"
        ),
        (
            "link to missing anchor", "content/guide/setup.md", Data("---\ntitle: T\n---\n[x](../index.md#nowhere)\n".utf8),
            "content/guide/setup.md:4: error: link to `../index.md#nowhere`"
        ),
        (
            "link to missing same-page anchor", "content/guide/setup.md", Data("---\ntitle: T\n---\n## A\n[x](#b)\n".utf8),
            "content/guide/setup.md:5: error: link to `#b`"
        ),
        (
            "link to missing file", "content/guide/setup.md", Data("---\ntitle: T\n---\n![x](img/none.png)\n".utf8),
            "content/guide/setup.md:4: error: link to missing file `img/none.png`"
        ),
        (
            "other connect version in a page", "content/guide/setup.md",
            Data(
                "---\ntitle: T\n---\n\n`import p from 'https://unpkg.com/@passwordless-id/connect@1.2.0/dist/connect.min.js'`\n"
                    .utf8),
            "content/guide/setup.md:5: error: `https://unpkg.com/@passwordless-id/connect@1.2.0/dist/connect.min.js` is not the pinned connect URL; the connect library is pinned to \(FixtureSite.pinnedURL)"
        ),
        (
            "@latest in the demo", "content/demo/index.html",
            Data("<p>x</p>\n<script src=\"https://cdn.jsdelivr.net/npm/@passwordless-id/connect@latest\"></script>\n".utf8),
            "content/demo/index.html:2: error: `https://cdn.jsdelivr.net/npm/@passwordless-id/connect@latest` is not the pinned connect URL"
        ),
        (
            "unversioned URL in a template", "templates/footer.mustache",
            Data("<footer>\n<script src=\"https://unpkg.com/@passwordless-id/connect\"></script></footer>\n".utf8),
            "templates/footer.mustache:2: error: `https://unpkg.com/@passwordless-id/connect` is not the pinned connect URL"
        ),
        (
            "template syntax", "templates/footer.mustache", Data("<footer>\n{{#open}}\n</footer>\n".utf8),
            "templates/footer.mustache:"
        ),
        (
            "config with a range", "content/site.yml",
            Data(
                "title: T\nconnect:\n  version: ^1.2.1\n  url: https://unpkg.com/@passwordless-id/connect@{version}/x.js\n".utf8),
            "content/site.yml:3: error: connect version must be an exact release"
        ),
    ]

    @Test(arguments: brokenInputs.indices)
    func brokenInputFailsWithFileLineAndKeepsThePreviousSite(index: Int) throws {
        let broken = Self.brokenInputs[index]
        let site = try FixtureSite()
        #expect(try site.build().status == 0)
        let before = try site.folder.snapshot("site")
        try site.folder.write(broken.file, broken.contents)
        let result = try site.build()
        #expect(result.status != 0, "\(broken.name) should fail")
        #expect(result.stderr.contains(broken.expected), "\(broken.name): \(result.stderr)")
        #expect(try site.folder.snapshot("site") == before, "\(broken.name) changed site/")
        #expect(!site.folder.exists(".site.next"), "\(broken.name) left a half-written site")
    }

    @Test func badBaseURLIsAUsageError() throws {
        let site = try FixtureSite()
        let result = try site.build("--base-url", "owner.github.io")
        #expect(result.status != 0)
        #expect(result.stderr.contains("--base-url"))
    }
}
