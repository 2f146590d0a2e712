import Foundation
import SiteKit
import TestSupport
import Testing

/// Search as a build makes it: the real Pagefind indexes the staging folder before the swap, only the pages
/// that mark their main text, and every way it can fail fails the build and keeps the previous site.
@Suite(.requires(.pagefind)) struct SearchTests {
    static func site() throws -> FixtureSite {
        let site = try FixtureSite(search: true)
        try site.folder.write("content/404.md", "---\ntitle: Lost\n---\nNothing here, zyzzogeton.\n")
        try site.folder.write("content/guide/private.md", "---\ntitle: Private\nsearch: false\n---\nHidden quixotical words.\n")
        return site
    }

    /// A stand-in for Pagefind: a shell script that says it is `version` and then runs `body`.
    static func standIn(in site: FixtureSite, version: String = Pagefind.version, body: String) throws -> String {
        let script = site.root.appendingPathComponent("stand-in-pagefind")
        try "#!/bin/sh\nif [ \"$1\" = --version ]; then echo \"pagefind \(version)\"; exit 0; fi\n\(body)\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
        return script.path
    }

    static func build(_ site: FixtureSite, environment changes: [String: String]) throws -> ProcessResult {
        let environment = ProcessInfo.processInfo.environment.merging(changes) { $1 }
        return try run(Executable.url("build-site"), [], in: site.root, environment: environment)
    }

    @Test func theIndexHoldsOnlyTheMainTextOfSearchablePages() throws {
        let site = try Self.site()
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        // The home page and the setup page; not the 404 page, the page that opted out, or the guide's section list.
        #expect(result.stdout.contains("Search: Pagefind indexed 2 pages in "), "\(result.stdout)")
        #expect(site.folder.exists("site/pagefind/pagefind.js") && site.folder.exists("site/pagefind/pagefind-entry.json"))
        let home = try #require(site.folder.read("site/index.html"))
        #expect(home.contains(#"<main id="content" data-pagefind-body>"#))
        #expect(home.contains(#"<div class="site-search" role="search" data-bundle="/pagefind/" data-base="/" hidden>"#))
        #expect(home.contains(#"<script type="module" src="/assets/search."#), "the fingerprinted search script")
        for excluded in ["site/404.html", "site/guide/private/index.html", "site/guide/index.html"] {
            let page = try #require(site.folder.read(excluded))
            #expect(!page.contains("data-pagefind-body"), "\(excluded) is not indexed")
            #expect(page.contains(#"class="site-search""#), "\(excluded) still has the search box")
        }
        // Everything the theme wraps around the text is left out of excerpts.
        let setup = try #require(site.folder.read("site/guide/setup/index.html"))
        #expect(setup.contains(#"<nav class="toc" aria-label="On this page" data-pagefind-ignore>"#), "\(setup)")
        #expect(setup.contains(#"<nav class="pager" aria-label="Previous and next" data-pagefind-ignore>"#))
    }

    @Test func searchFalseBuildsWithoutAnIndexOrASearchBox() throws {
        let site = try FixtureSite(search: false)
        // Without search, Pagefind is neither needed nor looked for.
        let result = try Self.build(site, environment: ["BUILD_SITE_PAGEFIND": "/nonexistent/pagefind"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Search:"))
        #expect(!site.folder.exists("site/pagefind"))
        let home = try #require(site.folder.read("site/index.html"))
        #expect(!home.contains("site-search") && !home.contains("search.") && !home.contains("data-pagefind-body"))
    }

    @Test func aMissingPagefindNamesTheCommandThatInstallsItAndKeepsThePreviousSite() throws {
        let site = try Self.site()
        #expect(try site.build().status == 0)
        let before = try #require(site.folder.read("site/index.html"))
        try site.folder.write("content/index.md", "---\ntitle: Home\n---\nNew words.\n## Start\n")
        // No installed copy under this HOME, nothing on this PATH, no python3 with pip's copy.
        let empty = try TemporaryFolder()
        let result = try run(
            Executable.url("build-site"), [], in: site.root,
            environment: ["HOME": empty.url.path, "PATH": empty.url.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("content/site.yml: error: search needs Pagefind \(Pagefind.version)"), "\(result.stderr)")
        #expect(result.stderr.contains("scripts/install-pagefind") && result.stderr.contains("search: false"))
        #expect(site.folder.read("site/index.html") == before)
    }

    @Test func anotherVersionOfPagefindIsRefused() throws {
        let site = try Self.site()
        let older = try Self.standIn(in: site, version: "1.4.0", body: "exit 0")
        let result = try Self.build(site, environment: ["BUILD_SITE_PAGEFIND": older])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains("Pagefind at \(older) is version 1.4.0; this site needs \(Pagefind.version)"),
            "\(result.stderr)")
        #expect(!site.folder.exists("site"))
    }

    @Test func aFailedIndexFailsTheBuildWithPagefindsReasonAndKeepsThePreviousSite() throws {
        let site = try Self.site()
        #expect(try site.build().status == 0)
        let before = try #require(site.folder.read("site/index.html"))
        try site.folder.write("content/index.md", "---\ntitle: Home\n---\nNew words.\n## Start\n")
        let failing = try Self.standIn(
            in: site, body: "echo 'Running Pagefind'; echo 'Error: Failed to write the index: Permission denied' >&2; exit 1")
        let result = try Self.build(site, environment: ["BUILD_SITE_PAGEFIND": failing])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "Pagefind could not index the site (exit 1): Error: Failed to write the index: Permission denied"),
            "\(result.stderr)")
        #expect(site.folder.read("site/index.html") == before)
        #expect(site.folder.exists("site/pagefind/pagefind.js"), "the previous index stays with the previous site")
    }

    @Test func aContentFileWhereTheIndexGoesIsAnError() throws {
        let site = try Self.site()
        try site.folder.write("content/pagefind/notes.md", "---\ntitle: Notes\n---\nText.\n")
        let result = try site.build()
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "content/pagefind/notes.md: error: would be written to pagefind/notes/index.html, where the search index goes"),
            "\(result.stderr)")
        // With search off, the folder is the author's.
        try site.folder.write(
            "content/site.yml",
            try #require(site.folder.read("content/site.yml")).replacing("search: true", with: "search: false"))
        #expect(try site.build().status == 0)
        #expect(site.folder.exists("site/pagefind/notes/index.html"))
    }

    @Test func theInstallerPinsTheVersionTheBuildChecks() throws {
        let requirements = try String(
            contentsOf: Executable.packageRoot.appendingPathComponent("scripts/pagefind-requirements.txt"), encoding: .utf8)
        let pins = requirements.split(separator: "\n").filter { $0.hasPrefix("pagefind") && $0.contains("==") }
        #expect(
            pins.contains { $0.hasPrefix("pagefind[bin]==\(Pagefind.version) ") || $0 == "pagefind[bin]==\(Pagefind.version)" })
        #expect(pins.allSatisfy { $0.contains("==\(Pagefind.version)") }, "\(pins)")
    }
}
