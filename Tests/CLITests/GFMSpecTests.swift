import Foundation
import TestSupport
import Testing

/// The GitHub Flavored Markdown spec's extension examples (tables, task list items, strikethrough, extended
/// autolinks), each as a page through the whole build and compared with the spec's HTML. The page template shows
/// the content alone; nothing needs normalising, since no example has a heading or a code block (the two things
/// the site adds to on purpose: heading ids, highlighting).
@Suite struct GFMSpecTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var number: Int
        var section: String
        var markdown: String
        var html: String
        var testDescription: String { "\(section) example \(number)" }
    }

    static let examples: [Example] = {
        let url = Executable.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/gfm-spec/extensions.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var section = ""
        var lines = text.components(separatedBy: "\n")[...]
        let fence = String(repeating: "`", count: 32)
        while let line = lines.popFirst() {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            guard line.hasPrefix(fence + " example") else { continue }
            var markdown: [String] = []
            while let next = lines.popFirst(), next != "." { markdown.append(next) }
            var html: [String] = []
            while let next = lines.popFirst(), next != fence { html.append(next) }
            let tab = { (text: String) in text.replacingOccurrences(of: "→", with: "\t") }
            examples.append(
                Example(
                    number: examples.count + 1, section: section, markdown: tab(markdown.joined(separator: "\n")) + "\n",
                    html: tab(html.joined(separator: "\n")) + "\n"))
        }
        return examples
    }()

    @Test func theFixtureHoldsAllTwentyThreeExamples() {
        #expect(Self.examples.count == 23)
        #expect(Set(Self.examples.map(\.section)).count == 4)
    }

    /// One site with every example as a page, built once.
    static let built: Result<TemporaryFolder, any Error> = Result {
        let site = try TemporaryFolder()
        try site.write(
            "content/site.yml",
            "title: Spec\nsearch: false\nconnect:\n  version: 1.2.1\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"
        )
        try site.write("content/index.md", "---\ntitle: Spec\n---\n")
        for example in examples {
            try site.write(
                "content/example-\(example.number).md", "---\ntitle: Example \(example.number)\n---\n" + example.markdown)
        }
        try site.write("templates/page.mustache", "{{{page.content}}}")
        let result = try run(
            Executable.url("build-site"),
            [
                "--content", site.url.appendingPathComponent("content").path, "--templates",
                site.url.appendingPathComponent("templates").path, "--output", site.url.appendingPathComponent("site").path,
            ])
        guard result.status == 0 else { throw SiteBuildFailed(output: result.stdout + result.stderr) }
        return site
    }

    struct SiteBuildFailed: Error { var output: String }

    @Test(arguments: examples)
    func rendersAsTheSpecSays(example: Example) throws {
        let site = try Self.built.get()
        let html = try #require(site.read("site/example-\(example.number)/index.html"))
        #expect(html == example.html, "\(example.markdown)")
    }
}
