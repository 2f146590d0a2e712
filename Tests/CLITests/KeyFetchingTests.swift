import Foundation
import IDTokenKit
import IssuerKeys
import OpenSSLHTTPClient
import TestSupport
import Testing

/// Discovery, JWKS fetching, caching and key rotation against a real HTTP server on 127.0.0.1.
@Suite struct KeyFetchingTests {
    let cache: TemporaryFolder
    let server: KeyServer
    let minter: TokenMinter

    init() throws {
        cache = try TemporaryFolder()
        server = try KeyServer()
        minter = try TokenMinter(.rs256, keyID: "2026-11")
        try server.set("jwks.json", JSONValue.object([("keys", .array([minter.jwk]))]).serialized)
    }

    func inspect(_ arguments: [String], token: String) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache.url.path
        return try run(Executable.url("jwt-inspect"), arguments + [token], environment: environment)
    }

    func token(_ minter: TokenMinter) throws -> String {
        try minter.mint(
            TokenMinter.claims(issuer: server.issuer, audience: "https://app.test", now: Int64(Date().timeIntervalSince1970)))
    }

    /// Makes every cached document look fetched two minutes ago.
    func ageCache() throws {
        let folder = cache.url.appendingPathComponent("jwt-inspect")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let file = folder.appendingPathComponent(name)
            var entry = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            entry["fetchedAt"] = (entry["fetchedAt"] as! Int) - 120
            try JSONSerialization.data(withJSONObject: entry).write(to: file)
        }
    }

    @Test func discoveryThenJWKSThenCache() throws {
        let first = try inspect(["--issuer", server.issuer, "--audience", "https://app.test"], token: try token(minter))
        #expect(first.status == 0, "\(first.stdout)")
        #expect(first.stdout.contains("from \(server.jwksURL)"))
        #expect(server.requests == ["/.well-known/openid-configuration", "/jwks"])
        #expect(try inspect(["--issuer", server.issuer], token: try token(minter)).status == 0)
        #expect(server.requests.count == 2, "a fresh cache is used without fetching")
        #expect(try inspect(["--issuer", server.issuer, "--offline"], token: try token(minter)).status == 0)
    }

    @Test func maxAgeZeroRefetchesEveryTime() throws {
        try server.set("cache-control", "max-age=0")
        #expect(try inspect(["--jwks", server.jwksURL, "--issuer", server.issuer], token: try token(minter)).status == 0)
        #expect(try inspect(["--jwks", server.jwksURL, "--issuer", server.issuer], token: try token(minter)).status == 0)
        #expect(server.requests == ["/jwks", "/jwks"])
    }

    @Test func offlineWithoutCacheCannotVerify() throws {
        let result = try inspect(["--issuer", server.issuer, "--offline"], token: try token(minter))
        #expect(result.status == 3)
        #expect(result.stdout.contains("offline, and nothing cached"))
        #expect(server.requests.isEmpty)
    }

    @Test func unknownKidRefetchesOnceForRotation() throws {
        #expect(try inspect(["--issuer", server.issuer], token: try token(minter)).status == 0)
        let rotated = try TokenMinter(.rs256, keyID: "2026-12")
        try server.set("jwks.json", JSONValue.object([("keys", .array([minter.jwk, rotated.jwk]))]).serialized)
        // Within the minute after a fetch, an unknown kid does not refetch (rate limit).
        #expect(try inspect(["--issuer", server.issuer], token: try token(rotated)).status == 3)
        #expect(server.requests.count == 2)
        try ageCache()
        let result = try inspect(["--issuer", server.issuer], token: try token(rotated))
        #expect(result.status == 0, "\(result.stdout)")
        #expect(server.requests == ["/.well-known/openid-configuration", "/jwks", "/jwks"])
    }

    @Test func expiredCacheIsFetchedAgain() throws {
        try server.set("cache-control", "public, max-age=60")
        #expect(try inspect(["--jwks", server.jwksURL, "--issuer", server.issuer], token: try token(minter)).status == 0)
        try ageCache()
        #expect(try inspect(["--jwks", server.jwksURL, "--issuer", server.issuer], token: try token(minter)).status == 0)
        #expect(server.requests == ["/jwks", "/jwks"])
    }

    @Test(arguments: [
        ("status", "500", "HTTP 500"),
        ("discovery.json", #"{"issuer":"http://127.0.0.1:{PORT}"}"#, "has no jwks_uri"),
        ("discovery.json", #"{"issuer":"https://someone-else.test","jwks_uri":"http://127.0.0.1:{PORT}/jwks"}"#, "names issuer"),
        ("jwks.json", #"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, "not a JWK set"),
        ("redirect", "http://example.com/jwks", "refusing redirect"),
        ("discovery.json", #"{"issuer":"http://127.0.0.1:{PORT}","jwks_uri":"http://example.com/jwks"}"#, "not https"),
    ])
    func fetchProblemsCannotVerify(file: String, contents: String, message: String) throws {
        try server.set(file, contents)
        let result = try inspect(["--issuer", server.issuer, "--json"], token: try token(minter))
        #expect(result.status == 3)
        let report = try StrictJSON.parse(Array(result.stdout.utf8))
        #expect(report["signature"]?["reason"]?.string?.contains(message) == true, "\(result.stdout)")
    }

    @Test func plainHTTPIsRefusedOffLoopback() throws {
        let result = try inspect(["--jwks", "http://example.com/jwks"], token: try token(minter))
        #expect(result.status == 64)
        #expect(result.stderr.contains("not https"))
    }
}

/// jwt-inspect's own HTTP client against a real server: TLS trust and host names, chunked bodies, the size cap
/// and the timeout.
@Suite struct HTTPClientTests {
    let minter: TokenMinter

    init() throws {
        minter = try TokenMinter(.es256, keyID: "tls")
    }

    func start(tls: Bool) throws -> KeyServer {
        let server = try KeyServer(tls: tls)
        try server.set("jwks.json", JSONValue.object([("keys", .array([minter.jwk]))]).serialized)
        return server
    }

    func inspect(_ server: KeyServer, issuer: String? = nil, trust: Bool, extraEnvironment: [String: String] = [:]) throws -> (
        ProcessResult, JSONValue?
    ) {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
        environment.merge(extraEnvironment) { $1 }
        // A cache of its own each time: every run fetches.
        let cache = try TemporaryFolder()
        environment["XDG_CACHE_HOME"] = cache.url.path
        if trust { environment["SSL_CERT_FILE"] = KeyServer.certificate.path }
        let now = Int64(Date().timeIntervalSince1970)
        let token = try minter.mint(TokenMinter.claims(issuer: issuer ?? server.issuer, now: now))
        let result = try run(
            Executable.url("jwt-inspect"), ["--json", "--issuer", issuer ?? server.issuer, token], environment: environment)
        return (result, try? StrictJSON.parse(Array(result.stdout.utf8)))
    }

    @Test func fetchesOverTLSFromATrustedServer() throws {
        let server = try start(tls: true)
        let (result, report) = try inspect(server, trust: true)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(report?["signature"]?["key"]?["source"]?.string == server.issuer + "/jwks")
        #expect(server.requests == ["/.well-known/openid-configuration", "/jwks"])
    }

    @Test func tunnelsThroughTheHTTPSProxyAndStillChecksTheCertificate() throws {
        let server = try start(tls: true)
        let proxy = try ConnectProxy()
        let through = ["https_proxy": "http://reader:s3cret@127.0.0.1:\(proxy.port)"]
        let (result, _) = try inspect(server, trust: true, extraEnvironment: through)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(proxy.tunnels == ["127.0.0.1:\(server.port)", "127.0.0.1:\(server.port)"])
        #expect(proxy.authorizations.first == "Basic " + Data("reader:s3cret".utf8).base64EncodedString())

        let untrusted = try inspect(server, trust: false, extraEnvironment: through)
        #expect(untrusted.0.status == 3, "a proxy does not make an untrusted certificate acceptable")

        let direct = try inspect(server, trust: true, extraEnvironment: through.merging(["no_proxy": "127.0.0.1"]) { $1 })
        #expect(direct.0.status == 0)
        #expect(proxy.tunnels.count == 3, "no_proxy hosts are reached directly")
    }

    @Test func refusesACertificateItDoesNotTrust() throws {
        let server = try start(tls: true)
        let (result, report) = try inspect(server, trust: false)
        #expect(result.status == 3)
        let reason = report?["signature"]?["reason"]?.string ?? ""
        #expect(reason.contains("certificate refused: self-signed certificate"), "\(reason)")
        #expect(server.requests.isEmpty, "nothing may be sent before the certificate is checked")
    }

    @Test func refusesACertificateForAnotherHost() throws {
        let server = try start(tls: true)
        // The certificate names 127.0.0.1 only.
        let issuer = "https://localhost:\(server.port)"
        try server.set("discovery.json", #"{"issuer":"\#(issuer)","jwks_uri":"\#(issuer)/jwks"}"#)
        let (result, report) = try inspect(server, issuer: issuer, trust: true)
        #expect(result.status == 3)
        let reason = report?["signature"]?["reason"]?.string ?? ""
        #expect(reason.contains("certificate refused: hostname mismatch"), "\(reason)")
    }

    @Test func readsChunkedBodies() throws {
        let server = try start(tls: false)
        try server.set("chunked", "")
        let (result, _) = try inspect(server, trust: false)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test(arguments: [false, true])
    func stopsReadingPastTheSizeCap(chunked: Bool) throws {
        let server = try start(tls: false)
        if chunked { try server.set("chunked", "") }
        let padding = String(repeating: "x", count: HTTPFetcher.defaultMaximumBytes)
        try server.set("jwks.json", #"{"keys":[],"padding":"\#(padding)"}"#)
        let (result, report) = try inspect(server, trust: false)
        #expect(result.status == 3)
        let reason = report?["signature"]?["reason"]?.string ?? ""
        #expect(reason.contains("over the \(HTTPFetcher.defaultMaximumBytes)-byte limit"), "\(reason)")
    }
}
