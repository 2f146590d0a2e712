import Foundation
import TestSupport
import Testing

/// Search as a reader meets it, in headless Chromium: the 4,000-page bench corpus with the shipped theme, built
/// for a GitHub Pages project site (`https://owner.github.io/repo/`), indexed by the real Pagefind and served
/// under `/repo/`.
@Suite("search in a real browser", .timeLimit(.minutes(5)), .requires(.chromium), .requires(.pagefind))
struct SearchBrowserTests {
    /// A word on one page of the corpus only.
    static let rareWord = "zephyrquill"
    static let rarePage = "section-3/page-17"

    /// The bench corpus with the repository's theme and config, built into `FOLDER/repo`.
    static func benchSite() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let root = Executable.packageRoot
        let python = try #require(which("python3"))
        let generated = try run(python, [root.appendingPathComponent("bench/generate_corpus.py").path, folder.url.path, "4000"])
        try #require(generated.status == 0, "\(generated.stderr)")
        let content = folder.url.appendingPathComponent("buildsite/content")
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("content/site.yml"), to: content.appendingPathComponent("site.yml"))
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("content/assets"), to: content.appendingPathComponent("assets"))
        let page = content.appendingPathComponent("\(rarePage).md")
        try (String(contentsOf: page, encoding: .utf8) + "\nOnly this page speaks of the \(rareWord).\n")
            .write(to: page, atomically: true, encoding: .utf8)
        let built = try run(
            Executable.url("build-site"),
            [
                "--content", content.path, "--templates", root.appendingPathComponent("templates").path, "--output",
                folder.url.appendingPathComponent("served/repo").path, "--base-url", "https://owner.github.io/repo/",
            ])
        try #require(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("Search: Pagefind indexed 4001 pages"), "\(built.stdout)")
        return folder
    }

    /// What the file server sent so far, a request a line: path, status, bytes of body (the page's own Resource
    /// Timing misses Pagefind's worker, which fetches the index).
    static func requests(in log: URL) throws -> [(path: String, status: Int, bytes: Int)] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return (String(fields.first ?? ""), Int(fields.dropFirst().first ?? "") ?? 0, Int(fields.last ?? "") ?? 0)
        }
    }

    static let firstResultHref =
        "document.querySelector('#site-search-results li a') && document.querySelector('#site-search-results li a').getAttribute('href')"

    @Test("a rare word finds its page first, by keyboard alone, every request under /repo/, a query's transfer measured")
    func searchUnderTheBasePath() async throws {
        let folder = try Self.benchSite()
        let port = try LoopbackPort.unused()
        let log = folder.url.appendingPathComponent("requests.log")
        let server = try StaticFileServer(folder: folder.url.appendingPathComponent("served"), port: port, log: log)
        let browser = try await Browser(windowWidth: 1280, windowHeight: 1000)
        let origin = "http://127.0.0.1:\(port)"
        try await browser.open("\(origin)/repo/section-0/page-5/")
        try await browser.waitUntil("!document.querySelector('.site-search').hidden", what: "the search box")
        let before = try Self.requests(in: log).count

        // "/" focuses the box; the word is typed; the page that holds it comes first.
        try await browser.press("/")
        #expect(try await browser.evaluate("return document.activeElement.id") as? String == "site-search-input")
        try await browser.type(Self.rareWord)
        try await browser.waitUntil("\(Self.firstResultHref)", timeout: 20, what: "results for \(Self.rareWord)")
        #expect(try await browser.evaluate("return \(Self.firstResultHref)") as? String == "/repo/\(Self.rarePage)/")
        let excerpt =
            try await browser.evaluate(
                "return document.querySelector('#site-search-results li a mark').textContent") as? String
        #expect(
            excerpt?.lowercased().hasPrefix(Self.rareWord) == true, "the matching word is marked in the excerpt: \(excerpt ?? "")"
        )
        #expect(
            try await browser.evaluate("return document.querySelector('.site-search [role=status]').textContent") as? String
                == "1 page matches.")

        // What the query cost: everything fetched from focusing the box to the results, all under /repo/.
        let fetched = try Self.requests(in: log).dropFirst(before)
        #expect(fetched.allSatisfy { $0.path.hasPrefix("/repo/pagefind/") && $0.status == 200 }, "\(fetched)")
        let firstQuery = fetched.reduce(0) { $0 + $1.bytes }
        #expect(firstQuery > 0 && firstQuery <= 300_000, "a first query fetched \(firstQuery) bytes: \(fetched)")

        // Arrow down to the result, up again to the box, Esc clears; then another query costs only its chunks.
        try await browser.press("\u{E015}")
        #expect(
            try await browser.evaluate("return document.activeElement.getAttribute('href')") as? String
                == "/repo/\(Self.rarePage)/")
        try await browser.press("\u{E013}")
        #expect(try await browser.evaluate("return document.activeElement.id") as? String == "site-search-input")
        try await browser.press("\u{E00C}")
        #expect(try await browser.evaluate("return document.activeElement.id") as? String == "site-search-input")
        #expect(try await browser.evaluate("return document.querySelector('#site-search-input').value") as? String == "")
        #expect(try await browser.evaluate("return document.querySelector('#site-search-results').hidden") as? Bool == true)

        let beforeSecond = try Self.requests(in: log).count
        try await browser.type("verify")
        try await browser.waitUntil(
            "document.querySelectorAll('#site-search-results li').length === 8", timeout: 20, what: "results for verify")
        let second = try Self.requests(in: log).dropFirst(beforeSecond).reduce(0) { $0 + $1.bytes }
        // Tab reaches the results too, and Enter opens the one focused.
        try await browser.pressTab()
        let target = try await browser.evaluate("return document.activeElement.getAttribute('href')") as? String ?? ""
        #expect(target.hasPrefix("/repo/section-"), "Tab moves into the results: \(target)")
        try await browser.press("\u{E007}")
        try await browser.waitUntil("location.pathname === '\(target)'", what: "the result to open")

        let report =
            "4,000-page site under /repo/: first query \(firstQuery) bytes over \(fetched.count) requests; "
            + "a second query \(second) bytes\n"
        print(report, terminator: "")
        try FileManager.default.createDirectory(at: TestOutput.browser, withIntermediateDirectories: true)
        try report.write(to: TestOutput.browser.appendingPathComponent("search-transfer.txt"), atomically: true, encoding: .utf8)

        // Results on a desktop and a 390 px phone, light and dark, without sideways scrolling.
        let shots = TestOutput.browser.appendingPathComponent("search")
        for (screen, width, height) in [("desktop", 1280, 900), ("phone", 390, 844)] {
            try await browser.resize(width: width, height: height)
            for scheme in ["light", "dark"] {
                try await browser.emulateColorScheme(scheme)
                try await browser.open("\(origin)/repo/section-0/page-5/")
                try await browser.waitUntil("!document.querySelector('.site-search').hidden", what: "the search box")
                try await browser.press("/")
                try await browser.type("passkey")
                try await browser.waitUntil(
                    "document.querySelectorAll('#site-search-results li').length > 0", timeout: 20, what: "results")
                let overflows =
                    try await browser.evaluate(
                        "return document.documentElement.scrollWidth > document.documentElement.clientWidth") as? Bool
                #expect(overflows == false, "the page scrolls sideways on the \(screen)")
                try await browser.screenshot(to: shots.appendingPathComponent("\(screen)-\(scheme).png"))
            }
        }
        await browser.quit()
        _ = server
    }

    @Test("under serve, a word added to a page while serving is found within seconds")
    func serveRefreshesTheIndex() async throws {
        let site = try FixtureSite(search: true)
        for asset in ["site.css", "search.js"] {
            try site.folder.write(
                "content/assets/\(asset)",
                try Data(contentsOf: Executable.packageRoot.appendingPathComponent("content/assets/\(asset)")))
        }
        let server = try ServeProcess(site: site)
        #expect(server.waitForLog("Search index: ", timeout: 30) != nil, "\(server.log)")
        let browser = try await Browser()
        let home = "http://127.0.0.1:\(server.port)/"
        /// Searches for `word` from the home page and returns the first result's link, or nil for no result.
        func firstResult(for word: String) async throws -> String? {
            try await browser.open(home)
            try await browser.waitUntil("!document.querySelector('.site-search').hidden", what: "the search box")
            try await browser.press("/")
            try await browser.type(word)
            try await browser.waitUntil(
                "document.querySelector('.site-search [role=status]').textContent !== ''", timeout: 20, what: "an answer")
            return try await browser.evaluate("return \(Self.firstResultHref)") as? String
        }
        #expect(try await firstResult(for: "Install") == "/guide/setup/")
        #expect(try await firstResult(for: Self.rareWord) == nil)

        try site.folder.write(
            "content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Install\nNow with a \(Self.rareWord).\n## Use\n")
        let edited = Date()
        var found: String?
        while found == nil, Date().timeIntervalSince(edited) < 20 {
            found = try await firstResult(for: Self.rareWord)
        }
        #expect(found == "/guide/setup/", "\(server.log)")
        print("serve: a word added to a page was found after \(String(format: "%.1f", Date().timeIntervalSince(edited))) s")
        await browser.quit()
    }
}
