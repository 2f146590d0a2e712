import Foundation
import SiteKit
import TestSupport
import Testing

/// What an author's (or a pull request's) words can do to the site beyond their own text: nothing.
@Suite struct AuthorInputHardeningTests {
    @Test func aConnectAPIThatWouldBreakOutOfTheDemosScriptIsRefused() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/site.yml",
            "title: Fixture\nsearch: false\nconnect:\n  version: 1.2.1\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"
                + "  api: \"https://api.example/x';alert(1);'\"\n")
        let result = try site.build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/site.yml:6: error: connect api may hold only letters"), "\(result.stderr)")
    }

    @Test func dangerousSchemesLoseTheirHrefAsOnGitHub() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/guide/setup.md",
            """
            ---
            title: Setup
            ---
            ## Install
            [run](javascript:alert(1)) <javascript:alert(2)> [vb](VBScript:msgbox) [file](file:///etc/passwd)
            ![html](data:text/html;base64,PHNjcmlwdD4=) ![png](data:image/png;base64,iVBORw0KGgo=)
            [ok](https://example.com/)
            """)
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(site.folder.read("site/guide/setup/index.html"))
        for dropped in ["javascript:", "VBScript:", "file:", "data:text/html"] {
            #expect(!page.contains("=\"" + dropped), "\(dropped)")
        }
        #expect(page.contains("<a>run</a> <a>javascript:alert(2)</a> <a>vb</a> <a>file</a>"))
        #expect(page.contains(#"<img alt="html" />"#))
        #expect(page.contains(#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="png" />"#))
        #expect(page.contains(#"<a href="https://example.com/">ok</a>"#))
        #expect(
            result.stderr.contains("content/guide/setup.md:5: warning: link to a `javascript:` URL is left without its href"),
            "\(result.stderr)")
        #expect(result.stderr.contains("content/guide/setup.md:6: warning: image to a `data:` URL is left without its src"))
    }

    @Test func titlesAndDescriptionsAreTextInTheMarkdownOutputs() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/guide/setup.md",
            "---\ntitle: \"Setup\\n# Owned](https://evil.example) *x*\"\ndescription: \"Line one\\n\\n- [click](https://evil.example)\"\n---\n## Install\nText.\n"
        )
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let llms = try #require(site.folder.read("site/llms.txt"))
        let copy = try #require(site.folder.read("site/guide/setup.md"))
        for text in [llms, copy] {
            #expect(!text.contains("\n# Owned") && !text.contains("\n- [click]"), "\(text)")
            #expect(!text.contains("](https://evil.example)"), "\(text)")
        }
        #expect(copy.hasPrefix(##"# Setup \# Owned\]\(https://evil.example\) \*x\*"##), "\(copy)")
    }

    @Test func pageURLsArePercentEncodedWhereverTheSiteWritesThem() throws {
        let site = try FixtureSite()
        try site.folder.write("content/guide/sp ace.md", "---\ntitle: Space\n---\nText.\n")
        try site.folder.write("content/guide/q?x=1.md", "---\ntitle: Query\n---\nText.\n")
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(site.folder.read("site/guide/sp ace/index.html"))
        #expect(page.contains(#"<link rel="canonical" href="http://localhost:8000/guide/sp%20ace/">"#))
        #expect(page.contains(#"<meta property="og:url" content="http://localhost:8000/guide/sp%20ace/">"#))
        #expect(page.contains(#"href="/guide/q%3Fx=1/""#), "the navigation's link")
        #expect(!page.contains(#"href="/guide/sp ace/""#) && !page.contains(#"href="/guide/q?x=1/""#))
        let sitemap = try #require(site.folder.read("site/sitemap.xml"))
        #expect(sitemap.contains("<loc>http://localhost:8000/guide/sp%20ace/</loc>"))
        #expect(sitemap.contains("<loc>http://localhost:8000/guide/q%3Fx=1/</loc>"))
        #expect(site.folder.read("site/llms.txt")?.contains("(http://localhost:8000/guide/q%3Fx=1.md)") == true)
    }

    @Test func systemErrorsReadAsWords() {
        #expect(SiteError.reason(POSIXError(.ENOSPC)) == "No space left on device")
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: 640,
            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(SiteError.reason(wrapped) == "No space left on device")
    }
}
