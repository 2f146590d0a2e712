import AsyncHTTPClient
import Foundation
import IssuerKeys
import IssuerKeysAsyncHTTPClient
import NIOSSL
import OpenSSLHTTPClient
import TestSupport
import Testing

/// The fetch policy every `DocumentFetching` of the package keeps, held to real servers on 127.0.0.1 (TLS
/// included): the package's own client, and AsyncHTTPClient through the adapter, once following redirects itself
/// and once left to the adapter.
@Suite struct FetchPolicyTests {
    enum Client: CaseIterable, CustomTestStringConvertible {
        case openSSL, asyncHTTPClient, asyncHTTPClientFollowingRedirects

        var testDescription: String {
            switch self {
            case .openSSL: return "OpenSSLHTTPClient"
            case .asyncHTTPClient: return "AsyncHTTPClient (redirects disallowed)"
            case .asyncHTTPClientFollowingRedirects: return "AsyncHTTPClient (following redirects)"
            }
        }
    }

    /// Runs `body` with a fetcher of this kind, trusting `certificate` (nil: only the system's roots); the
    /// AsyncHTTPClient is shut down afterwards.
    /// Generous: a fetch's deadline counts while this test waits to resume, and synchronous suites of the same
    /// run (the browser, the Nu checker, the built tools) can hold both of Swift's pool threads for tens of
    /// seconds. The slow-server test sets its own.
    static let timeoutSeconds: Int64 = 300

    static func with<T>(
        _ client: Client, trusting certificate: String? = KeyServer.certificate.path, timeoutSeconds: Int64 = timeoutSeconds,
        _ body: (any DocumentFetching) async throws -> T
    ) async throws -> T {
        switch client {
        case .openSSL:
            return try await body(
                HTTPFetcher(timeout: TimeInterval(timeoutSeconds), proxy: nil, trustedCertificateFile: certificate))
        case .asyncHTTPClient, .asyncHTTPClientFollowingRedirects:
            var tls = TLSConfiguration.makeClientConfiguration()
            if let certificate { tls.trustRoots = .file(certificate) }
            let http = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(
                    tlsConfiguration: tls,
                    redirectConfiguration: client == .asyncHTTPClient ? .disallow : .follow(max: 5, allowCycles: false)))
            do {
                let result = try await body(AsyncHTTPClientFetcher(client: http, timeout: .seconds(timeoutSeconds)))
                try await http.shutdown()
                return result
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }

    static func server(tls: Bool) throws -> KeyServer {
        let server = try KeyServer(tls: tls)
        try server.set("jwks.json", #"{"keys":[]}"#)
        return server
    }

    static func url(_ text: String) throws -> URL { try #require(URL(string: text)) }

    /// The error a fetch ends with, or a recorded issue when it succeeds.
    static func failure(of fetcher: any DocumentFetching, _ url: URL) async -> HTTPFetchError? {
        do {
            let document = try await fetcher.fetch(url)
            Issue.record("fetched \(document.body.count) bytes from \(url)")
            return nil
        } catch let error as HTTPFetchError {
            return error
        } catch {
            Issue.record("not an HTTPFetchError: \(error)")
            return nil
        }
    }

    static func failure(_ client: Client, _ url: URL, trust: Bool = true, timeoutSeconds: Int64 = timeoutSeconds) async throws
        -> HTTPFetchError?
    {
        try await with(client, trusting: trust ? KeyServer.certificate.path : nil, timeoutSeconds: timeoutSeconds) {
            await failure(of: $0, url)
        }
    }

    @Test(arguments: Client.allCases)
    func fetchesOverTLSFromATrustedServerWithItsMaxAge(client: Client) async throws {
        let server = try Self.server(tls: true)
        try server.set("cache-control", "public, max-age=120")
        let document = try await Self.with(client) { try await $0.fetch(try Self.url(server.jwksURL)) }
        #expect(String(decoding: document.body, as: UTF8.self) == #"{"keys":[]}"#)
        #expect(document.maxAge == 120)
        #expect(server.requests == ["/jwks"])
    }

    @Test(arguments: Client.allCases)
    func refusesACertificateItDoesNotTrustBeforeSendingAnything(client: Client) async throws {
        let server = try Self.server(tls: true)
        let error = try await Self.failure(client, try Self.url(server.jwksURL), trust: false)
        #expect(error?.kind == .connection, "\(String(describing: error))")
        #expect(server.requests.isEmpty)
    }

    @Test(arguments: Client.allCases)
    func refusesACertificateForAnotherHost(client: Client) async throws {
        // Trusted, but for other.test only: not for the address connected to.
        let server = try KeyServer(identity: .otherHost)
        let url = try Self.url(server.jwksURL)
        let error = try await Self.with(client, trusting: KeyServer.otherHostCertificate.path) { fetcher in
            await Self.failure(of: fetcher, url)
        }
        #expect(error?.kind == .connection, "\(String(describing: error))")
        #expect(server.requests.isEmpty)
    }

    @Test(arguments: Client.allCases)
    func refusesPlainHTTPOffLoopbackWithoutConnecting(client: Client) async throws {
        let error = try await Self.failure(client, try Self.url("http://keys.example/jwks"))
        #expect(error?.kind == .refused && error?.description.contains("not https") == true, "\(String(describing: error))")
    }

    @Test(arguments: Client.allCases)
    func neverFollowsHTTPSToPlainHTTPEvenOnLoopback(client: Client) async throws {
        let secure = try Self.server(tls: true)
        let plain = try Self.server(tls: false)
        try secure.set("redirect", plain.jwksURL)
        let error = try await Self.failure(client, try Self.url(secure.jwksURL))
        #expect(error?.kind == .refused, "\(String(describing: error))")
        #expect(error?.description.contains("https may not lead to plain http") == true, "\(String(describing: error))")
        if client != .asyncHTTPClientFollowingRedirects {
            #expect(plain.requests.isEmpty, "the forbidden hop is refused before it is requested")
        }
    }

    @Test(arguments: Client.allCases)
    func followsRedirectsWithinThePolicy(client: Client) async throws {
        let first = try Self.server(tls: false)
        let second = try Self.server(tls: false)
        try first.set("redirect", second.jwksURL)
        let document = try await Self.with(client) { try await $0.fetch(try Self.url(first.jwksURL)) }
        #expect(String(decoding: document.body, as: UTF8.self) == #"{"keys":[]}"#)
        #expect(first.requests == ["/jwks"] && second.requests == ["/jwks"])
    }

    @Test(arguments: Client.allCases)
    func givesUpOnARedirectLoop(client: Client) async throws {
        let server = try Self.server(tls: false)
        try server.set("redirect", server.jwksURL)
        let error = try await Self.failure(client, try Self.url(server.jwksURL))
        #expect(error?.kind == .tooManyRedirects, "\(String(describing: error))")
    }

    @Test(arguments: Client.allCases, [false, true])
    func stopsReadingPastTheSizeCap(client: Client, chunked: Bool) async throws {
        let server = try Self.server(tls: false)
        if chunked { try server.set("chunked", "") }
        let padding = String(repeating: "x", count: HTTPFetcher.defaultMaximumBytes)
        try server.set("jwks.json", #"{"keys":[],"padding":"\#(padding)"}"#)
        let error = try await Self.failure(client, try Self.url(server.jwksURL))
        #expect(error?.kind == .tooLarge, "\(String(describing: error))")
        #expect(error?.description.contains("over the \(HTTPFetcher.defaultMaximumBytes)-byte limit") == true)
    }

    @Test(arguments: Client.allCases)
    func readsChunkedBodies(client: Client) async throws {
        let server = try Self.server(tls: false)
        try server.set("chunked", "")
        let document = try await Self.with(client) { try await $0.fetch(try Self.url(server.jwksURL)) }
        #expect(String(decoding: document.body, as: UTF8.self) == #"{"keys":[]}"#)
    }

    @Test(arguments: Client.allCases)
    func givesUpOnASlowServer(client: Client) async throws {
        let server = try Self.server(tls: false)
        // Never answers while the test lasts (the server is stopped with it).
        try server.set("delay", "3600")
        // The server would answer after a minute; only the fetch's own deadline ends it as `timedOut`. (How soon
        // is measured without Swift's thread pool in OpenSSLHTTPClientTests: here, tests that block the pool's
        // two threads delay this one's resumption by tens of seconds.)
        let error = try await Self.failure(client, try Self.url(server.jwksURL), timeoutSeconds: 1)
        #expect(error?.kind == .timedOut, "\(String(describing: error))")
    }

    @Test(arguments: Client.allCases)
    func namesAStatusOtherThan200(client: Client) async throws {
        let server = try Self.server(tls: false)
        try server.set("status", "503")
        let error = try await Self.failure(client, try Self.url(server.jwksURL))
        #expect(error?.kind == .badStatus && error?.description.contains("HTTP 503") == true, "\(String(describing: error))")
    }

    @Test(arguments: Client.allCases)
    func namesAServerThatIsNotThere(client: Client) async throws {
        let port = try LoopbackPort.unused()
        let error = try await Self.failure(client, try Self.url("http://127.0.0.1:\(port)/jwks"))
        #expect(error?.kind == .connection, "\(String(describing: error))")
    }
}
