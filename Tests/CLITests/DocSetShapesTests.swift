import Foundation
import TestSupport
import Testing

/// Doc sets as teams write them for GitHub: folders with README.md, a page beside its folder, numbered titles,
/// many broken links at once. Nothing is silently lost, and one build shows every problem.
@Suite struct DocSetShapesTests {
    static func page(_ title: String, _ body: String = "Text.\n") -> String { "---\ntitle: \(title)\n---\n" + body }

    @Test func titlesWithNumbersSortByTheirValue() throws {
        let site = try FixtureSite()
        for number in [10, 2, 1, 100, 21] {
            try site.folder.write("content/eips/eip-\(number).md", Self.page("EIP-\(number)"))
        }
        #expect(try site.build().status == 0)
        let list = try #require(site.folder.read("site/eips/index.html"))
        let positions = [1, 2, 10, 21, 100].compactMap { list.range(of: ">EIP-\($0)<")?.lowerBound }
        #expect(positions.count == 5 && positions == positions.sorted(), "EIP-1, 2, 10, 21, 100 in that order")
    }

    @Test func aPageBesideItsFolderIsThatSectionsIndex() throws {
        let site = try FixtureSite()
        try site.folder.write("content/api.md", Self.page("API", "Overview of the zygomorphic API.\n"))
        try site.folder.write("content/api/tokens.md", Self.page("Tokens"))
        try site.folder.write("content/guide/setup.md", Self.page("Setup", "## Install\nSee [the API](../api.md).\n"))
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let index = try #require(site.folder.read("site/api/index.html"))
        #expect(index.contains("zygomorphic"), "the page's text is on the section's page")
        #expect(index.contains(#"href="/api/tokens/""#), "and the section's list")
        #expect(index.contains("data-pagefind-body") || !index.contains("site-search"))
        #expect(site.folder.read("site/guide/setup/index.html")?.contains(#"<a href="/api/">the API</a>"#) == true)
    }

    @Test func twoSourcesOfOneFileAreAnErrorNamingBoth() throws {
        let site = try FixtureSite()
        try site.folder.write("content/verify.md", Self.page("Verify"))
        try site.folder.write("content/verify/index.md", Self.page("Verify again"))
        try site.folder.write("content/llms.txt", "mine\n")
        let result = try site.build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("writes the site's `verify/index.html`, as content/verify"), "\(result.stderr)")
        #expect(
            result.stderr.contains("content/llms.txt: error: writes the site's `llms.txt`, as build-site"), "\(result.stderr)")
        #expect(result.stderr.contains("2 errors"))
    }

    @Test func aReadmeIsItsFoldersIndexUnlessThereIsAnIndex() throws {
        let site = try FixtureSite()
        try site.folder.write("content/spec/README.md", Self.page("Specification", "The spec's own words.\n"))
        try site.folder.write("content/spec/part.md", Self.page("Part", "Back to [the spec](README.md).\n"))
        try site.folder.write("content/guide/README.md", Self.page("Guide readme", "A readme beside an index.\n"))
        try site.folder.write("content/guide/index.md", Self.page("Guide"))
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(site.folder.read("site/spec/index.html")?.contains("The spec's own words.") == true)
        #expect(site.folder.read("site/spec/part/index.html")?.contains(#"<a href="/spec/">the spec</a>"#) == true)
        #expect(site.folder.read("site/guide/README/index.html")?.contains("A readme beside an index.") == true)
    }

    @Test func everyBrokenLinkIsReportedInOneBuild() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/guide/setup.md", Self.page("Setup", "## Install\n[a](missing-a.md)\n\n[b](missing-b.md) [c](#nowhere)\n"))
        try site.folder.write("content/other.md", Self.page("Other", "[d](guide/setup.md#nothing)\n[e](gone.md)\n"))
        let result = try site.build()
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.contains(": error: ") }
        #expect(errors.count == 5, "\(result.stderr)")
        #expect(errors == errors.sorted(), "sorted by file and line")
        #expect(lines.last == "5 errors")
    }

    /// Plain GitHub Markdown: no front matter, the title in the first `#` heading (shown once), or none at all.
    @Test func pagesWithoutFrontMatterTakeTheirTitleFromTheirHeadingOrName() throws {
        let site = try FixtureSite()
        try site.folder.write("content/guide/plain.md", "# Getting `started` *fast*\n\nPlain text.\n\n## Next\n")
        try site.folder.write("content/guide/eip-150.md", "Just text, no heading.\n")
        try site.folder.write("content/guide/late.md", "Intro line.\n\n# Late title\n\nMore.\n")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let plain = try #require(site.folder.read("site/guide/plain/index.html"))
        #expect(plain.contains(#"<h1 id="getting-started-fast">Getting started fast</h1>"#), "\(plain)")
        #expect(plain.components(separatedBy: "<h1").count == 2, "the heading the title came from is not shown twice")
        #expect(plain.contains("<title>Getting started fast"))
        #expect(site.folder.read("site/guide/eip-150/index.html")?.contains("<h1>Eip 150</h1>") == true)
        let late = try #require(site.folder.read("site/guide/late/index.html"))
        #expect(late.contains("<h1>Late title</h1>") && late.contains("Intro line."))
        #expect(site.folder.read("site/guide/index.html")?.contains(">Getting started fast</a>") == true)
    }

    /// A project's own front matter is kept for templates; a key close to a known one is a warning.
    @Test func foreignFrontMatterIsKeptAndTyposAreNamed() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "templates/page.mustache",
            (try #require(site.folder.read("templates/page.mustache")))
                .replacingOccurrences(
                    of: "{{page.title}}</h1>",
                    with:
                        "{{page.title}}</h1><p class=\"eip\">EIP {{page.params.eip}} {{page.params.status}} {{#page.params.authors}}[{{.}}]{{/page.params.authors}}</p>"
                ))
        try site.folder.write(
            "content/eips/eip-1.md",
            "---\neip: 1\nstatus: Living\nauthors:\n  - Ann\n  - Bo\ncreated: 2015-10-27\ntilte: Oops\n---\n# EIP purpose\n")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(site.folder.read("site/eips/eip-1/index.html")?.contains(#"<p class="eip">EIP 1 Living [Ann][Bo]</p>"#) == true)
        #expect(
            result.stderr.contains(
                "content/eips/eip-1.md:8: warning: front matter key `tilte` is not one build-site reads; did you mean `title`?"),
            "\(result.stderr)")
    }

    static let config =
        "title: Fixture\nsearch: false\nconnect:\n  version: 1.2.1\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"

    /// Each broken link says what would fix it: the anchor in another case, the page elsewhere, the definition's line.
    @Test func brokenLinksComeWithHints() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/other.md",
            Self.page("Other", "[a](guide/setup.md#Install) [b](setup.md)\n\nSee [c][ref].\n\n[ref]: gone.md\n"))
        let result = try site.build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("(did you mean `#install`?)"), "\(result.stderr)")
        #expect(result.stderr.contains("link to missing page `setup.md` (no content/setup.md) (did you mean `guide/setup.md`?)"))
        #expect(
            result.stderr.contains(
                "content/other.md:6: error: link to missing page `gone.md` (no content/gone.md) (its definition is at line 8)"))
    }

    @Test func anchorsOfOlderMarkdownAndLinksWithoutTheirExtensionWork() throws {
        let site = try FixtureSite()
        try site.folder.write("content/guide/setup.md", Self.page("Setup", "## Install\n<a name=\"old-name\"></a>\nText.\n"))
        try site.folder.write("content/other.md", Self.page("Other", "[a](guide/setup.md#old-name) [b](guide/setup#install)\n"))
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let other = try #require(site.folder.read("site/other/index.html"))
        #expect(
            other.contains(#"<a href="/guide/setup/#old-name">a</a>"#)
                && other.contains(#"<a href="/guide/setup/#install">b</a>"#))
        #expect(
            result.stderr.contains(
                "content/other.md:4: warning: link `guide/setup#install` names no file; it goes to guide/setup.md"))
    }

    @Test func linksCanBeWarningsWhileTheyAreFixed() throws {
        let site = try FixtureSite()
        try site.folder.write("content/other.md", Self.page("Other", "[a](gone.md) [b](#nowhere)\n"))
        #expect(try site.build().status == 1)
        let warned = try site.build("--links", "warn")
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("content/other.md:4: warning: link to missing page `gone.md`"), "\(warned.stderr)")
        #expect(site.folder.read("site/other/index.html")?.contains(#"<a href="gone.md">a</a>"#) == true)
        try site.folder.write("content/site.yml", Self.config + "links: warn\n")
        #expect(try site.build().status == 0)
        #expect(try site.build("--links", "error").status == 1, "the command line wins")
    }

    /// `../LICENSE.md` works on GitHub; on the site it goes to the file on the repository's host.
    @Test func linksToTheRepositorysOtherFilesGoToItsHost() throws {
        let site = try FixtureSite()
        try site.folder.write("LICENSE.md", "MIT\n")
        try site.folder.write("content/other.md", Self.page("Other", "[license](../LICENSE.md) [gone](../NOPE.md)\n"))
        let unset = try site.build()
        #expect(unset.status == 1)
        #expect(
            unset.stderr.contains("link `../LICENSE.md` leaves content/ for the repository's LICENSE.md; set `repository:`"),
            "\(unset.stderr)")
        #expect(unset.stderr.contains("link `../NOPE.md` leaves content/, and there is no such file"))
        try site.folder.write("content/other.md", Self.page("Other", "[license](../LICENSE.md#terms)\n"))
        try site.folder.write("content/site.yml", Self.config + "editURL: https://github.com/owner/repo/edit/main/content/\n")
        #expect(try site.build().status == 0)
        #expect(
            site.folder.read("site/other/index.html")?.contains(
                #"href="https://github.com/owner/repo/blob/main/LICENSE.md#terms""#)
                == true)
    }
}
