import Foundation
import TestSupport
import Testing

/// GitHub Markdown as a reader meets it, in headless Chromium with the shipped theme: the Copy button (mouse and
/// keyboard, the clipboard read back), alerts in light and dark checked for contrast, and screenshots of a page
/// with a table, an alert and a titled code block on a desktop and a 390 px phone.
@Suite("GitHub Markdown in a real browser", .timeLimit(.minutes(3)), .requires(.chromium))
struct MarkdownBrowserTests {
    /// A file with Windows line endings, included whole: the clipboard must get its CR LF back.
    static let windowsFile = "let a = 1;\r\nlet b = 2;\r\n"

    static func site() throws -> FixtureSite {
        let site = try FixtureSite()
        for asset in ["site.css", "code-copy.js"] {
            try site.folder.write(
                "content/assets/\(asset)",
                try Data(contentsOf: Executable.packageRoot.appendingPathComponent("content/assets/\(asset)")))
        }
        try site.folder.write("content/guide/windows.js", windowsFile)
        try site.folder.write(
            "content/guide/markdown.md",
            """
            ---
            title: Markdown
            ---
            The checks a server makes:

            | Check | Passes when | Why |
            | --- | :-: | --- |
            | `iss` | is exactly the issuer | A token from another issuer proves nothing here |
            | `aud` | contains your client id | Otherwise another app's token would do |

            > [!NOTE]
            > A note.

            > [!TIP]
            > A tip.

            > [!IMPORTANT]
            > Something important.

            > [!WARNING]
            > The profile proves nothing until the token is verified.

            > [!CAUTION]
            > Careful.

            ```js title="sign-in.js" mark=2
            const scope = 'openid avatar';
            await passwordless.auth({ scope });
            ```

            ```js file=guide/windows.js
            ```

            """)
        return site
    }

    @Test("the Copy button copies each code block exactly, by mouse and by keyboard, and says so")
    func copyButton() async throws {
        let site = try Self.site()
        let server = try ServeProcess(site: site)
        let browser = try await Browser()
        try await browser.open("http://127.0.0.1:\(server.port)/guide/markdown/")
        // Granted for the page's origin, so once it is open.
        try await browser.allowClipboard()
        try await browser.waitUntil("document.querySelectorAll('.copy-code').length === 2", what: "the Copy buttons")
        let labels = try await browser.evaluate(
            "return [...document.querySelectorAll('.copy-code')].map(b => b.getAttribute('aria-label'))") as? [String]
        #expect(labels == ["Copy sign-in.js", "Copy guide/windows.js"])

        // Mouse: the first block, marked line and highlighting and all, is copied as its text.
        try await browser.click(".copy-code")
        try await browser.waitUntil(
            "document.querySelector('[role=status]').textContent === 'Copied'", what: "Copied to be announced")
        let first = try await browser.evaluate("return navigator.clipboard.readText()") as? String
        #expect(first == "const scope = 'openid avatar';\nawait passwordless.auth({ scope });\n")

        // Keyboard: focus the second button and press Enter; the included file keeps its CR LF.
        try await browser.evaluate(
            "document.querySelector('[role=status]').textContent = ''; document.querySelectorAll('.copy-code')[1].focus()")
        try await browser.press("\u{E007}")
        try await browser.waitUntil(
            "document.querySelector('[role=status]').textContent === 'Copied'", what: "Copied to be announced again")
        let second = try await browser.evaluate("return navigator.clipboard.readText()") as? String
        #expect(second == Self.windowsFile, "\(String(describing: second?.debugDescription))")
        await browser.quit()
    }

    @Test("alerts say their kind in words and meet WCAG AA contrast in light and dark")
    func alertContrast() async throws {
        let site = try Self.site()
        let server = try ServeProcess(site: site)
        let browser = try await Browser()
        for scheme in ["light", "dark"] {
            try await browser.emulateColorScheme(scheme)
            try await browser.open("http://127.0.0.1:\(server.port)/guide/markdown/")
            try await browser.waitUntil("document.readyState === 'complete'", what: "the page to load")
            let alerts =
                try await browser.evaluate(
                    """
                    const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number)
                    const luminance = ([r, g, b]) => {
                      const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4 }
                      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
                    }
                    const background = (element) => {
                      for (let e = element; e; e = e.parentElement) {
                        const color = getComputedStyle(e).backgroundColor
                        if (!color.startsWith('rgba(0, 0, 0, 0)') && color !== 'transparent') return rgb(color)
                      }
                      return [255, 255, 255]
                    }
                    const contrast = (element) => {
                      const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))]
                      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
                    }
                    return [...document.querySelectorAll('.markdown-alert')].map(alert => ({
                      title: alert.querySelector('.markdown-alert-title').textContent,
                      titleContrast: contrast(alert.querySelector('.markdown-alert-title')),
                      textContrast: contrast(alert.querySelector('p:not(.markdown-alert-title)')),
                    }))
                    """) as? [[String: Any]] ?? []
            #expect(alerts.compactMap { $0["title"] as? String } == ["Note", "Tip", "Important", "Warning", "Caution"])
            for alert in alerts {
                let title = (alert["titleContrast"] as? NSNumber)?.doubleValue ?? 0
                let text = (alert["textContrast"] as? NSNumber)?.doubleValue ?? 0
                #expect(title >= 4.5 && text >= 4.5, "\(scheme): \(alert)")
            }
        }
        await browser.quit()
    }

    @Test("a page with a table, alerts and a titled code block, on a desktop and a phone")
    func screenshots() async throws {
        let site = try Self.site()
        let server = try ServeProcess(site: site)
        let browser = try await Browser(windowWidth: 1280, windowHeight: 1400)
        let shots = TestOutput.browser.appendingPathComponent("markdown")
        for (screen, width, height) in [("desktop", 1280, 1400), ("phone", 390, 1600)] {
            try await browser.resize(width: width, height: height)
            for scheme in ["light", "dark"] {
                try await browser.emulateColorScheme(scheme)
                try await browser.open("http://127.0.0.1:\(server.port)/guide/markdown/")
                try await browser.waitUntil("document.querySelector('.copy-code')", what: "the page and its script")
                let overflows = try await browser.evaluate(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth") as? Bool
                #expect(overflows == false, "the page scrolls sideways on the \(screen); a wide table scrolls alone")
                try await browser.screenshot(to: shots.appendingPathComponent("\(screen)-\(scheme).png"))
            }
        }
        await browser.quit()
    }
}
