import Testing

@testable import SiteKit

@Suite struct IncludeTests {
    let source = """
        // #region one
        const a = 1
        // #endregion
        function f() {
          // #region inner
          return 2
          // #endregion
        }
        <!-- #region html -->
        <p>x</p>
        <!-- #endregion -->
        """

    @Test func regionsAreCutAndDedented() {
        #expect(CodeInclude.region(named: "one", in: source) == "const a = 1")
        #expect(CodeInclude.region(named: "inner", in: source) == "return 2")
        #expect(CodeInclude.region(named: "html", in: source) == "<p>x</p>")
        #expect(CodeInclude.region(named: "missing", in: source) == nil)
    }

    @Test func markersAreStrippedFromWholeFiles() {
        #expect(RegionMarkers.strip(source) == "const a = 1\nfunction f() {\n  return 2\n}\n<p>x</p>")
    }

    /// A file checked out with Windows line endings (git's autocrlf) has the same regions; a region comes out with
    /// LF endings, and stripping keeps the file's own.
    @Test func windowsLineEndingsKeepTheirRegions() {
        let windows = source.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(CodeInclude.region(named: "one", in: windows) == "const a = 1")
        #expect(CodeInclude.region(named: "inner", in: windows) == "return 2")
        #expect(RegionMarkers.strip(windows) == "const a = 1\r\nfunction f() {\r\n  return 2\r\n}\r\n<p>x</p>")
    }

    @Test func pathsCannotLeaveContent() {
        #expect(ContentPath.normalize("demo/../demo/a.js") == "demo/a.js")
        #expect(ContentPath.normalize("../secret", base: "") == nil)
        #expect(ContentPath.normalize("../a.md", base: "guide") == "a.md")
        #expect(ContentPath.normalize("/a.md", base: "guide") == "a.md")
    }

    @Test func baseURLKeepsItsPath() throws {
        #expect(try BaseURL("https://owner.github.io/repo").path == "/repo/")
        #expect(try BaseURL("https://owner.github.io/repo").absolute == "https://owner.github.io/repo/")
        #expect(try BaseURL("https://example.com").path == "/")
        #expect(throws: SiteError.self) { try BaseURL("ftp://x/") }
    }
}
