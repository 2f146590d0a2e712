import Foundation
import TestSupport
import Testing

/// A site from nothing: `init`, no templates/, no site.yml, no connect pin; the built-in theme overridden file by
/// file; and doc sets shaped like real ones built with no edits.
@Suite struct SiteFromNothingTests {
    static func buildSite(_ arguments: [String] = [], in folder: URL) throws -> ProcessResult {
        // No Pagefind on this PATH or HOME: a site that does not ask for search by name builds without it.
        let home = folder.appendingPathComponent(".home").path
        return try run(
            Executable.url("build-site"), arguments, in: folder, environment: ["HOME": home, "PATH": "/usr/bin:/bin"])
    }

    /// The theme built into build-site is the repository's own theme, file for file (scripts/embed-theme).
    @Test func theBuiltInThemeIsTheRepositorysTheme() throws {
        let root = Executable.packageRoot
        let embedded = try String(
            contentsOf: root.appendingPathComponent("Sources/SiteKit/Theme/EmbeddedTheme.swift"), encoding: .utf8)
        let files =
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("templates").path).map {
                "templates/" + $0
            }
            + FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content/assets").path).map {
                "content/assets/" + $0
            }
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(
                embedded.contains("\"\"\"\n" + text + "\n\"\"\""),
                "\(file) differs from the built-in theme: run scripts/embed-theme")
        }
        #expect(files.count >= 14)
    }

    @Test func initThenBuildMakesASite() throws {
        let folder = try TemporaryFolder()
        let started = try run(Executable.url("build-site"), ["init", "docs", "--title", "Handbook"], in: folder.url)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("Next: cd docs && build-site serve"))
        let docs = folder.url.appendingPathComponent("docs")
        let built = try Self.buildSite(in: docs)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("note: search is off: Pagefind"), "\(built.stderr)")
        let home = try #require(folder.read("docs/site/index.html"))
        #expect(home.contains("<title>Handbook</title>") && home.contains(#"<h1 id="handbook">Handbook</h1>"#))
        #expect(home.components(separatedBy: "<h1").count == 2)
        #expect(home.contains(#"<link rel="stylesheet" href="/assets/site."#))
        #expect(!home.contains("Demo") && !home.contains("connect"))
        let again = try run(Executable.url("build-site"), ["init", "docs"], in: folder.url)
        #expect(again.status == 1 && again.stderr.contains("exists already"), "never over a file of the author's")
    }

    @Test func aFolderOfMarkdownAloneIsASite() throws {
        let folder = try TemporaryFolder()
        try folder.write("content/README.md", "# Project docs\n\nSee [usage](usage.md).\n")
        try folder.write("content/usage.md", "# Usage\n\nRun it.\n")
        let result = try Self.buildSite(in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let home = try #require(folder.read("site/index.html"))
        #expect(home.contains("<title>Project docs</title>"), "the site's title is the home page's")
        #expect(folder.read("site/usage/index.html")?.contains("<title>Usage · Project docs</title>") == true)
    }

    @Test func aProjectOverridesTheThemeFileByFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("content/index.md", "# Home\n")
        try folder.write(
            "content/site.yml",
            "title: Mine\nsearch: false\nnav:\n  - title: Code\n    url: https://github.com/o/r\n  - title: Guide\n    url: guide/\nfooter: Built *with care*, [source](https://github.com/o/r).\n"
        )
        try folder.write("templates/footer.mustache", "<div class=\"mine\">{{{site.footer}}}</div>\n")
        try folder.write("content/assets/site.css", "body { color: red; }\n")
        let result = try Self.buildSite(in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let home = try #require(folder.read("site/index.html"))
        #expect(home.contains(#"<div class="mine"><footer class="site-footer">"#), "\(home)")
        #expect(home.contains(#"<p>Built <em>with care</em>, <a href="https://github.com/o/r">source</a>.</p>"#))
        #expect(home.contains(#"<a href="https://github.com/o/r">Code</a>"#) && home.contains(#"<a href="/guide/">Guide</a>"#))
        #expect(home.contains(#"<h1 id="home">Home</h1>"#), "the other templates are the built-in ones")
        let css = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("site/assets").path)
        let stylesheet = try #require(css.first { $0.hasPrefix("site.") && $0.hasSuffix(".css") })
        #expect(folder.read("site/assets/" + stylesheet) == "body { color: red; }\n")
        #expect(css.contains { $0.hasPrefix("code-copy.") }, "and the other assets")
    }

    @Test func theConnectPinIsNeededOnlyWhereItIsUsed() throws {
        let folder = try TemporaryFolder()
        try folder.write("content/index.md", "# Home\n\nThe library: `{{connect.url}}`.\n")
        let result = try Self.buildSite(in: folder.url)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "content/index.md:3: error: this uses the connect library, which content/site.yml does not pin"),
            "\(result.stderr)")
    }

    /// Three doc sets as teams keep them for GitHub, built with no edits and no templates/.
    @Test func docSetsWrittenForGitHubBuildAsTheyAre() throws {
        let folder = try TemporaryFolder()
        // Plain GFM pages: no front matter, links between them, a link to the repository's licence.
        try folder.write("LICENSE.md", "MIT\n")
        try folder.write(
            "plain/index.md", "# Plain docs\n\n- [Install](install.md)\n- [API](api/README.md)\n- [Licence](../LICENSE.md)\n")
        try folder.write(
            "plain/install.md", "# Install\n\n| Step | Do |\n|---|---|\n| 1 | `make` |\n\n> [!NOTE]\n> Needs Swift.\n")
        try folder.write("plain/api/README.md", "# API\n\nSee [install](../install.md#install).\n")
        try folder.write("plain/api/tokens.md", "# Tokens\n\nBack to the [API](README.md).\n")
        // The one setting: where the repository's other files are shown.
        try folder.write("plain/site.yml", "repository: https://github.com/owner/repo/blob/main/\n")
        // Foreign front matter, titles with numbers, a page beside its folder.
        try folder.write("eips/index.md", "# EIPs\n")
        for number in [1, 2, 10] {
            try folder.write(
                "eips/EIPS/eip-\(number).md",
                "---\neip: \(number)\ntitle: EIP-\(number)\nstatus: Final\nauthor: Someone <a@b.c>\ncreated: 2016-01-0\(number % 9 + 1)\n---\n## Abstract\nText.\n"
            )
        }
        try folder.write("eips/EIPS.md", "# All EIPs\n\nThe list follows.\n")
        // A nested specification with README.md in every folder.
        try folder.write("spec/README.md", "# Spec\n\n[Part one](one/README.md)\n")
        try folder.write("spec/one/README.md", "# Part one\n\n[Part two](../two/README.md#two)\n")
        try folder.write("spec/two/README.md", "# Part two\n\n<a name=\"two\"></a>Details.\n")
        for set in ["plain", "eips", "spec"] {
            let result = try Self.buildSite(
                ["--content", set, "--output", "out-\(set)", "--links", "error"], in: folder.url)
            #expect(result.status == 0, "\(set): \(result.stderr)")
        }
        #expect(folder.read("out-plain/index.html")?.contains("<title>Plain docs</title>") == true)
        #expect(
            folder.read("out-plain/index.html")?.contains(#"href="https://github.com/owner/repo/blob/main/LICENSE.md""#) == true)
        #expect(folder.read("out-plain/api/index.html")?.contains(#"href="/install/#install""#) == true)
        let list = try #require(folder.read("out-eips/EIPS/index.html"))
        #expect(list.contains("The list follows."), "the page beside the folder is the section's index")
        let order = ["EIP-1", "EIP-2", "EIP-10"].compactMap { list.range(of: ">\($0)<")?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        #expect(folder.read("out-spec/one/index.html")?.contains(#"href="/two/#two""#) == true)
    }
}
