import Foundation
import TestSupport
import Testing

/// The shipped theme in headless Chromium, on a desktop window and a 390 px phone: a section's page and a page deep
/// in a long section. Screenshots go next to the demo's, in test-output/browser/.
@Suite("The theme in a real browser", .timeLimit(.minutes(3)), .requires(.chromium))
struct ThemeTests {
    struct Layout {
        var overflows: Bool
        var currentVisible: Bool
        var currentText: String
        var navBelowMain: Bool
        var mainLeft: Double
    }

    static func layout(in browser: Browser) async throws -> Layout {
        let value =
            try await browser.evaluate(
                """
                const root = document.documentElement
                const current = document.querySelector('.site-nav [aria-current="page"]')
                const main = document.querySelector('main').getBoundingClientRect()
                const nav = document.querySelector('.site-nav').getBoundingClientRect()
                return {
                  overflows: root.scrollWidth > root.clientWidth,
                  currentVisible: current ? current.checkVisibility() : false,
                  currentText: current ? current.textContent : '',
                  navBelowMain: nav.top >= main.bottom,
                  mainLeft: main.left,
                }
                """) as? [String: Any] ?? [:]
        return Layout(
            overflows: value["overflows"] as? Bool ?? true, currentVisible: value["currentVisible"] as? Bool ?? false,
            currentText: value["currentText"] as? String ?? "", navBelowMain: value["navBelowMain"] as? Bool ?? false,
            mainLeft: (value["mainLeft"] as? NSNumber)?.doubleValue ?? -1)
    }

    @Test("a section's page and a page deep in a long section, on a desktop and a phone")
    func sectionPagesOnDesktopAndPhone() async throws {
        let site = try SectionsSite(referencePages: 400)
        try site.folder.write(
            "content/assets/site.css",
            try Data(contentsOf: Executable.packageRoot.appendingPathComponent("content/assets/site.css")))
        let server = try ServeProcess(site: site.fixture)
        let origin = "http://127.0.0.1:\(server.port)"
        let browser = try await Browser(windowWidth: 1280, windowHeight: 900)
        let shots = TestOutput.browser.appendingPathComponent("theme")
        let screens = [("desktop", 1280, 900), ("phone", 390, 844)]
        for (screen, width, height) in screens {
            try await browser.resize(width: width, height: height)
            for (name, path, current) in [("section", "/guide/", "Guide"), ("deep-page", "/reference/entry-300/", "Entry 300")] {
                try await browser.open(origin + path)
                try await browser.waitUntil("document.readyState === 'complete'", what: "\(path) to load")
                let layout = try await Self.layout(in: browser)
                #expect(!layout.overflows, "\(path) scrolls sideways on the \(screen)")
                #expect(layout.currentVisible && layout.currentText == current, "\(path) on the \(screen): \(layout)")
                // On a phone the navigation follows the content; on a desktop it sits beside it.
                #expect(layout.navBelowMain == (screen == "phone"), "\(path) on the \(screen): \(layout)")
                try await browser.screenshot(to: shots.appendingPathComponent("\(screen)-\(name).png"))
            }
        }
        // The first Tab reaches the skip link, which then shows.
        try await browser.open(origin + "/reference/entry-300/")
        try await browser.waitUntil("document.readyState === 'complete'", what: "the page to load")
        try await browser.pressTab()
        let focused = try await browser.evaluate(
            "const a = document.activeElement; const r = a.getBoundingClientRect(); return a.className + ' ' + (r.left >= 0 && r.right <= innerWidth)"
        )
        #expect(focused as? String == "skip true")
        await browser.quit()
    }
}
