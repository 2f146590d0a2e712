import Foundation
import IDTokenKit
import TestSupport
import Testing

/// RemoteKeys under load, with the package's own HTTP client and a real (slow) key server: nothing waits on the
/// network in Swift's cooperative pool.
@Suite struct RemoteKeysLoadTests {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    @Test func aHundredVerifiesDuringASlowFetchShareOneFetchAndNoneWaitsPastIt() throws {
        let server = try KeyServer()
        let minter = try TokenMinter(.rs256, keyID: "k")
        try server.set("jwks.json", String(decoding: minter.jwks, as: UTF8.self))
        try server.set("delay", "1")
        let token = try minter.mint(TokenMinter.claims(issuer: server.issuer, now: Self.now()))
        // In a process of its own: tests running beside it here would hold the cooperative threads.
        let result = try run(Executable.url("remote-keys-load"), [server.jwksURL, server.issuer, token, "100"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try StrictJSON.parse(Array(result.stdout.utf8))
        let number = { (name: String) in report[name]?.exactInteger ?? -1 }
        #expect(number("answers") == 100 && number("verified") == 100, "\(result.stdout)")
        #expect(number("fetches") == 1 && server.requests == ["/jwks"], "one fetch for all: \(result.stdout)")
        #expect(number("fetchEndMs") >= 1000, "the server waited a second")
        #expect(number("slowestMs") - number("fetchEndMs") < 500, "none waited past the fetch: \(result.stdout)")
        #expect(number("ticks") >= 50, "the pool ran other tasks while the fetch waited: \(result.stdout)")
    }
}
