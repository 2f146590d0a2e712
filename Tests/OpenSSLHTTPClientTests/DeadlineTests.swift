import Foundation
import OpenSSLHTTPClient
import TestSupport
import Testing

/// The whole fetch keeps one deadline, however slowly the server answers.
@Suite struct DeadlineTests {
    @Test func givesUpOnASlowServerWithinItsTimeout() throws {
        let server = try KeyServer()
        try server.set("delay", "20")
        let url = try #require(URL(string: server.jwksURL))
        let started = Date()
        let error = #expect(throws: HTTPFetchError.self) { try HTTPFetcher(timeout: 1, proxy: nil).get(url) }
        #expect(error?.kind == .timedOut, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
