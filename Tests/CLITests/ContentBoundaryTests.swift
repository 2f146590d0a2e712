import Foundation
import TestSupport
import Testing

/// Nothing from outside content/ (or templates/) is read or published, whatever a pull request's symbolic links
/// say; links that stay inside keep working.
@Suite struct ContentBoundaryTests {
    /// A site that built once, with a secret beside it that no build may publish.
    static func builtSite() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.folder.write("outside/secret.txt", "TOP SECRET\n")
        try site.folder.write("outside/x.js", "steal()\n")
        let first = try site.build()
        #expect(first.status == 0, "\(first.stderr)")
        return site
    }

    static func link(_ site: FixtureSite, _ path: String, to target: String) throws {
        let url = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// The build fails with `expected` on stderr, and the site it built before is as it was.
    static func expectRefused(_ site: FixtureSite, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let before = try site.folder.snapshot("site")
        let result = try site.build()
        #expect(result.status == 1, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expected), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try site.folder.snapshot("site") == before, "the previous site stays", sourceLocation: sourceLocation)
        let published = try site.folder.snapshot("site").values.contains {
            String(decoding: $0, as: UTF8.self).contains("TOP SECRET")
        }
        #expect(!published, sourceLocation: sourceLocation)
    }

    @Test func aLinkToAFileOutsideIsRefused() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/leak.txt", to: "../outside/secret.txt")
        try Self.expectRefused(
            site, "content/leak.txt: error: is a symbolic link to `../outside/secret.txt`, outside content/")
    }

    @Test func aLinkedFolderOutsideIsRefused() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/docs", to: "../outside")
        try Self.expectRefused(site, "content/docs: error: is a symbolic link to `../outside`, outside content/")
    }

    @Test func aThemeAssetLinkedOutsideIsRefused() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/assets/x.js", to: "../../outside/x.js")
        try Self.expectRefused(site, "content/assets/x.js: error: is a symbolic link to `../../outside/x.js`, outside")
    }

    @Test func theBuildsEnvironmentIsNotPublished() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/env.bin", to: "/proc/self/environ")
        try Self.expectRefused(site, "content/env.bin: error: is a symbolic link to `/proc/self/environ`, outside content/")
    }

    @Test func loopsBrokenLinksAndPipesAreErrorsNotHangs() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/guide/again", to: "..")
        try Self.expectRefused(site, "content/guide/again: error: is a symbolic link to a folder that contains it: a loop")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/guide/again"))
        try Self.link(site, "content/gone.txt", to: "missing.txt")
        try Self.expectRefused(site, "content/gone.txt: error: is a symbolic link to `missing.txt`, which leads to nothing")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/gone.txt"))
        try Self.link(site, "content/self.txt", to: "self.txt")
        try Self.expectRefused(site, "content/self.txt: error: is a symbolic link to `self.txt`, which leads to a loop of links")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/self.txt"))
        #expect(mkfifo(site.root.appendingPathComponent("content/pipe").path, 0o600) == 0)
        try Self.expectRefused(site, "content/pipe: error: is neither a file nor a folder")
    }

    @Test func templatesAndIncludesFollowTheSameRule() throws {
        let site = try Self.builtSite()
        try Self.link(site, "templates/stolen.mustache", to: "../outside/secret.txt")
        try Self.expectRefused(
            site, "templates/stolen.mustache: error: is a symbolic link to `../outside/secret.txt`, outside templates/")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("templates/stolen.mustache"))

        try Self.link(site, "content/_code/secret.js", to: "../../outside/secret.txt")
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\n```js file=_code/secret.js\n```\n")
        try Self.expectRefused(site, "content/guide/setup.md:5: error: `_code/secret.js` is a symbolic link to ")
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\n```js file=demo\n```\n")
        try Self.expectRefused(site, "content/guide/setup.md:5: error: `demo` is a folder; `file=` names a file")
    }

    @Test func linksThatStayInsideKeepWorking() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/guide/app-copy.js", to: "../demo/app.js")
        try Self.link(site, "content/examples", to: "demo")
        try Self.link(site, "templates/partial-alias.mustache", to: "page.mustache")
        try site.folder.write("content/_code/.keep", "")
        // A name the build never reads may point anywhere: it is neither published nor followed.
        try Self.link(site, "content/.private", to: "../outside")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(site.folder.read("site/guide/app-copy.js")?.contains(FixtureSite.pinnedURL) == true)
        #expect(site.folder.exists("site/examples/index.html"))
        #expect(!site.folder.exists("site/.private"))
    }
}
