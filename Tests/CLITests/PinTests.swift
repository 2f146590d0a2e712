import Foundation
import TestSupport
import Testing

/// `build-site pin` against a real local HTTP server.
@Suite struct PinCommandTests {
    static let library = "export default { auth() {}, id() {}, logout() {} }\n"

    func pin(_ site: FixtureSite, _ arguments: String...) throws -> ProcessResult {
        try run(Executable.url("build-site"), ["pin"] + arguments, in: site.root)
    }

    /// Comments stay, and so do a Windows file's CR LF line endings (git's autocrlf).
    @Test(arguments: ["\n", "\r\n"])
    func movesTheVersionKeepingComments(lineEnd: String) throws {
        let site = try FixtureSite()
        func config(_ version: String) -> String {
            [
                "title: Fixture", "connect:", "  # why we pin", "  version: \(version)  # pinned",
                "  url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js", "",
            ].joined(separator: lineEnd)
        }
        try site.folder.write("content/site.yml", config("1.2.1"))
        let result = try pin(site, "1.3.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(site.folder.read("content/site.yml") == config("1.3.0"))
        #expect(try site.build().status == 0)
        #expect(site.folder.read("site/demo/app.js")?.contains("connect@1.3.0/dist/connect.min.js") == true)
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
