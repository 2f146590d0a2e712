import Foundation
import TestSupport
import Testing

/// `build-site pin` against a real local HTTP server.
@Suite struct PinCommandTests {
    static let library = "export default { auth() {}, id() {}, logout() {} }\n"

    func pin(_ site: FixtureSite, _ arguments: String...) throws -> ProcessResult {
        try run(Executable.url("build-site"), ["pin"] + arguments, in: site.root)
    }

    @Test func movesTheVersionKeepingComments() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/site.yml",
            "title: Fixture\nconnect:\n  # why we pin\n  version: 1.2.1  # pinned\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"
        )
        let result = try pin(site, "1.3.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            site.folder.read("content/site.yml")
                == "title: Fixture\nconnect:\n  # why we pin\n  version: 1.3.0  # pinned\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\n"
        )
        #expect(try site.build().status == 0)
        #expect(site.folder.read("site/demo/app.js")?.contains("connect@1.3.0/dist/connect.min.js") == true)
    }

    /// A config saved with Windows line endings (git's autocrlf) is rewritten with them, not indexed as one line.
    @Test func movesTheVersionInAWindowsFile() throws {
        let site = try FixtureSite()
        try site.folder.write(
            "content/site.yml",
            "title: Fixture\r\nconnect:\r\n  version: 1.2.1  # pinned\r\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\r\n"
        )
        let result = try pin(site, "1.3.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            site.folder.read("content/site.yml")
                == "title: Fixture\r\nconnect:\r\n  version: 1.3.0  # pinned\r\n  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js\r\n"
        )
    }

    @Test func integrityIsTheSHA384OfTheDownloadedFile() throws {
        let server = try KeyServer()
        try server.set("files/connect.min.js", Self.library)
        let site = try FixtureSite()
        let result = try pin(site, "1.2.2", "--integrity", "--from", "\(server.issuer)/files/connect.min.js")
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try run(
            which("sh")!, ["-c", "printf '%s' \"$0\" | openssl dgst -sha384 -binary | openssl base64 -A", Self.library])
        let config = try #require(site.folder.read("content/site.yml"))
        #expect(config.contains("version: 1.2.2"))
        #expect(config.contains("integrity: sha384-\(expected.stdout)"), "\(config)")
        #expect(try site.build().status == 0)
        #expect(site.folder.read("site/index.html") != nil)
    }

    @Test(arguments: ["/files/missing.js", "closed-port"])
    func failedDownloadLeavesTheConfigUntouched(path: String) throws {
        let server = try KeyServer()
        let site = try FixtureSite()
        let before = site.folder.read("content/site.yml")
        let from = path == "closed-port" ? "http://127.0.0.1:9/connect.js" : "\(server.issuer)\(path)"
        let result = try pin(site, "1.2.2", "--integrity", "--from", from)
        #expect(result.status != 0)
        #expect(result.stderr.contains("download failed"))
        #expect(site.folder.read("content/site.yml") == before)
    }

    @Test func refusesRangesAndLatest() throws {
        let site = try FixtureSite()
        let before = site.folder.read("content/site.yml")
        for version in ["latest", "^1.2.1", "1.2"] {
            let result = try pin(site, version)
            #expect(result.status != 0)
            #expect(result.stderr.contains("exact release"))
        }
        #expect(site.folder.read("content/site.yml") == before)
    }
}
