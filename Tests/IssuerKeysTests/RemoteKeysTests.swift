import Foundation
import IDTokenKit
import IDTokenTesting
import IssuerKeys
import OpenSSLHTTPClient
import Testing

/// `RemoteKeys` as a server holds it, in process: a scripted fetcher instead of the network and a test clock
/// instead of waiting.
@Suite struct RemoteKeysTests {
    static let issuerURL = "https://issuer.test"
    static let discoveryURL = "https://issuer.test/.well-known/openid-configuration"
    static let jwksURL = "https://issuer.test/jwks"

    let issuer: TestIssuer
    let fetcher = ScriptedFetcher()
    let clock = TestClock()

    init() throws {
        issuer = try TestIssuer(issuer: Self.issuerURL, audience: "https://app.test", algorithm: .es256, keyID: "k1")
        fetcher.answer(Self.discoveryURL, #"{"issuer":"https://issuer.test","jwks_uri":"https://issuer.test/jwks"}"#)
        fetcher.answer(Self.jwksURL, issuer.jwksJSON)
    }

    func keys(_ origin: RemoteKeys.Origin = .discovery(issuer: issuerURL)) -> RemoteKeys {
        RemoteKeys(origin, fetcher: fetcher, clock: clock.read)
    }

    @Test func discoveryThenTheKeySetThenTokensVerify() async throws {
        let keys = keys()
        let verifier = IDTokenVerifier(requirements: issuer.requirements(), keys: keys)
        let token = try await verifier.verify(try issuer.token(now: clock.now), now: clock.now)
        #expect(token.subject == "user-1" && token.keyID == "k1")
        #expect(fetcher.requests == [Self.discoveryURL, Self.jwksURL])
        _ = try await verifier.verify(try issuer.token(now: clock.now), now: clock.now)
        #expect(fetcher.requests.count == 2, "the set is kept")
    }

    @Test func manyRequestsDuringOneFetchShareIt() async throws {
        let keys = keys(.jwks(try #require(URL(string: Self.jwksURL))))
        fetcher.hold()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask { try await keys.keySet().keys.count } }
            await fetcher.waitForRequests(1)
            fetcher.release()
            for try await count in group { #expect(count == 1) }
        }
        #expect(fetcher.requests == [Self.jwksURL], "one fetch for all fifty")
    }

    @Test func keysAreKeptForMaxAgeThenServedStaleWhileOneRefreshRuns() async throws {
        fetcher.answer(Self.jwksURL, issuer.jwksJSON, maxAge: 600)
        let keys = keys(.jwks(try #require(URL(string: Self.jwksURL))))
        _ = try await keys.keySet()
        clock.advance(by: 599)
        #expect(keys.freshKeySet != nil)
        _ = try await keys.keySet()
        #expect(fetcher.requests.count == 1, "still fresh")

        clock.advance(by: 1)
        #expect(keys.freshKeySet == nil, "stale at max-age")
        fetcher.hold()
        for _ in 0..<20 { _ = try await keys.keySet() }
        await fetcher.waitForRequests(2)
        #expect(fetcher.requests.count == 2, "one refresh in the background, not one per request")
        fetcher.release()
        for _ in 0..<100_000 where keys.freshKeySet == nil { await Task.yield() }
        #expect(keys.freshKeySet != nil, "fresh again once the refresh is in")
    }

    @Test(arguments: [(nil, 3600), (7 * 86_400, 86_400), (0, 0)] as [(Int?, Int64)])
    func maxAgeIsAnHourWhenAbsentAndADayAtMost(maxAge: Int?, kept: Int64) async throws {
        fetcher.answer(Self.jwksURL, issuer.jwksJSON, maxAge: maxAge)
        let keys = keys(.jwks(try #require(URL(string: Self.jwksURL))))
        _ = try await keys.keySet()
        if kept > 0 {
            clock.advance(by: kept - 1)
            #expect(keys.freshKeySet != nil)
            clock.advance(by: 1)
        }
        #expect(keys.freshKeySet == nil)
    }

    @Test func anUnknownKidRefetchesAtMostOnceAMinute() async throws {
        let keys = keys()
        let verifier = IDTokenVerifier(requirements: issuer.requirements(), keys: keys)
        let stranger = try TestIssuer(issuer: Self.issuerURL, audience: "https://app.test", algorithm: .es256, keyID: "k2")
        for _ in 0..<5 {
            await #expect(throws: IDTokenVerificationError.self) {
                try await verifier.verify(try stranger.token(now: clock.now), now: clock.now)
            }
        }
        #expect(fetcher.requests == [Self.discoveryURL, Self.jwksURL, Self.jwksURL], "one refetch, however many")

        // The issuer rotates to k2; a minute later the unknown kid may refetch again, and then verifies.
        fetcher.answer(Self.jwksURL, stranger.jwksJSON)
        clock.advance(by: 59)
        await #expect(throws: IDTokenVerificationError.self) {
            try await verifier.verify(try stranger.token(now: clock.now), now: clock.now)
        }
        #expect(fetcher.requests.count == 3)
        clock.advance(by: 1)
        let rotated = try await verifier.verify(try stranger.token(now: clock.now), now: clock.now)
        #expect(rotated.keyID == "k2" && fetcher.requests.count == 4)
    }

    @Test func aFailedFetchIsTypedAndKeepsItsCause() async throws {
        fetcher.fail(Self.discoveryURL, HTTPFetchError(.timedOut, "could not fetch it: timed out"))
        let error = await #expect(throws: KeyLookupError.self) { try await keys().keySet() }
        #expect(error?.kind == .fetchFailed)
        #expect((error?.underlying as? HTTPFetchError)?.kind == .timedOut, "\(String(describing: error))")

        let verifier = IDTokenVerifier(requirements: issuer.requirements(), keys: keys())
        let token = try issuer.token(now: clock.now)
        do {
            _ = try await verifier.verify(token, now: clock.now)
            Issue.record("verified without keys")
        } catch .keysUnavailable(let cause) {
            #expect(cause.kind == .fetchFailed)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test(arguments: [
        (#"{"issuer":"https://evil.test","jwks_uri":"https://issuer.test/jwks"}"#, KeyLookupError.Kind.issuerMismatch),
        (#"{"issuer":"https://issuer.test","jwks_uri":"http://keys.example/jwks"}"#, .invalidDocument),
        (#"{"issuer":"https://issuer.test"}"#, .invalidDocument),
        (#"not json"#, .invalidDocument),
        // U+212A KELVIN SIGN in place of a k: equal to Swift's `==`, not to the bytes.
        ("{\"issuer\":\"https://issuer.test\u{212A}\",\"jwks_uri\":\"https://issuer.test/jwks\"}", .issuerMismatch),
    ])
    func aDiscoveryDocumentMustNameTheIssuerAndAnHTTPSKeySet(document: String, kind: KeyLookupError.Kind) async {
        fetcher.answer(Self.discoveryURL, document)
        let error = await #expect(throws: KeyLookupError.self) { try await keys().keySet() }
        #expect(error?.kind == kind, "\(String(describing: error))")
        #expect(!fetcher.requests.contains(Self.jwksURL) || kind == .invalidDocument)
    }

    @Test func aKeySetThatIsNotOneIsAnInvalidDocument() async throws {
        fetcher.answer(Self.jwksURL, #"{"keys": "none"}"#)
        let error = await #expect(throws: KeyLookupError.self) { try await keys().keySet() }
        #expect(error?.kind == .invalidDocument && error?.underlying is KeyMaterialError)
    }

    @Test func aFailedRefreshKeepsTheKeysAndWaitsAMinuteToRetry() async throws {
        fetcher.answer(Self.jwksURL, issuer.jwksJSON, maxAge: 60)
        let keys = keys(.jwks(try #require(URL(string: Self.jwksURL))))
        _ = try await keys.keySet()
        fetcher.fail(Self.jwksURL, HTTPFetchError(.connection, "could not fetch: refused"))
        clock.advance(by: 60)
        #expect(try await keys.keySet().keys.count == 1, "stale keys still answer")
        await fetcher.waitForRequests(2)
        for _ in 0..<10 { _ = try await keys.keySet() }
        clock.advance(by: 30)
        _ = try await keys.keySet()
        #expect(fetcher.requests.count == 2, "no retry within the minute")
        clock.advance(by: 30)
        _ = try await keys.keySet()
        await fetcher.waitForRequests(3)
        #expect(fetcher.requests.count == 3)
    }
}
