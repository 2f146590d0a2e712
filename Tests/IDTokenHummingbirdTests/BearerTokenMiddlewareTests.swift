import Foundation
import Hummingbird
import HummingbirdTesting
import IDTokenHummingbird
import IDTokenKit
import IDTokenTesting
import IssuerKeys
import Synchronization
import TestSupport
import Testing

/// The middleware as a Hummingbird app uses it, through Hummingbird's test client; keys from real key servers.
@Suite struct BearerTokenMiddlewareTests {
    struct Context: IDTokenRequestContext {
        var coreContext: CoreRequestContextStorage
        var idToken: VerifiedIDToken?
        init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
    }

    static let issuer = "https://issuer.test"
    static let audience = "https://app.test"
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// An app whose `/me` answers the verified subject, behind the middleware.
    static func app(
        keys: any KeyProvider, leeway: Int64 = 60, cache: VerifiedTokenCache? = VerifiedTokenCache(), issuer: String = issuer,
        failureDetails: BearerTokenMiddleware<Context>.FailureDetails = .brief
    )
        -> some ApplicationProtocol
    {
        let router = Router(context: Context.self)
        let verifier = IDTokenVerifier(
            requirements: ClaimRequirements(issuer: issuer, audience: audience, leeway: leeway), keys: keys)
        router.add(middleware: BearerTokenMiddleware(verifier: verifier, cache: cache, failureDetails: failureDetails))
        router.get("me") { _, context in try context.requireIDToken().subject }
        return Application(router: router)
    }

    static func claims(_ changes: [(String, JSONValue)] = [], issuer: String = issuer) -> [(String, JSONValue)] {
        TokenMinter.claims(issuer: issuer, audience: audience, now: now()).filter { member in
            !changes.contains { $0.0 == member.0 }
        }
            + changes
    }

    struct Answer {
        var status: HTTPResponse.Status
        var challenge: String?
        var body: String
    }

    static func get(_ client: some TestClientProtocol, _ authorization: String?) async throws -> Answer {
        try await get(client, headers: authorization.map { [.authorization: $0] } ?? [:])
    }

    static func get(_ client: some TestClientProtocol, headers: HTTPFields) async throws -> Answer {
        try await client.execute(uri: "/me", method: .get, headers: headers) { response in
            Answer(
                status: response.status, challenge: response.headers[.wwwAuthenticate],
                body: String(buffer: response.body))
        }
    }

    @Test func answersWhatRFC6750Asks() async throws {
        let issuer = try TestIssuer(issuer: Self.issuer, audience: Self.audience)
        try await Self.app(keys: issuer.keys).test(.router) { client in
            let valid = try await Self.get(client, headers: .bearer(try issuer.token()))
            #expect(valid.status == .ok && valid.body == "user-1")
            #expect(try await Self.get(client, "bearer " + issuer.token()).status == .ok, "the scheme in any case")

            for missing in [nil, "Basic dXNlcjpwYXNz", "Bearer", "Bearer    "] as [String?] {
                let answer = try await Self.get(client, missing)
                #expect(answer.status == .unauthorized, "\(String(describing: missing))")
                #expect(answer.challenge == #"Bearer realm="api""#, "no error code without a token (§3.1)")
            }
            let reasons: [TestIssuer.Flaw: String] = [
                .expired: "the token has expired", .issuedInTheFuture: "claims failed: iat",
                .otherAudience: "claims failed: aud", .otherIssuer: "claims failed: iss",
                .missingSubject: "claims failed: sub", .otherKey: "the signature is invalid",
                .changedSignature: "the signature is invalid", .unsigned: "the signature is invalid",
            ]
            #expect(Set(reasons.keys) == Set(TestIssuer.Flaw.allCases))
            for (flaw, reason) in reasons {
                let answer = try await Self.get(client, headers: .bearer(try issuer.token(flaw)))
                #expect(answer.status == .unauthorized, "\(flaw)")
                #expect(answer.challenge?.hasPrefix(#"Bearer realm="api", error="invalid_token", error_description=""#) == true)
                #expect(answer.challenge?.contains(reason) == true, "\(answer.challenge ?? "") should say \(reason)")
                #expect(answer.body == reason + "\n", "by default the body says no more than the challenge")
            }
            let malformed = try await Self.get(client, "Bearer not.a.token")
            #expect(malformed.challenge?.contains("malformed token") == true)
        }
    }

    @Test func aRefusalNeverTellsWhatTheServerExpectsUnlessAskedTo() async throws {
        let issuer = try TestIssuer(issuer: Self.issuer, audience: Self.audience)
        let forAnotherApp = try issuer.token(.otherAudience)
        try await Self.app(keys: issuer.keys).test(.router) { client in
            let answer = try await Self.get(client, headers: .bearer(forAnotherApp))
            #expect(answer.status == .unauthorized)
            #expect(!answer.body.contains(Self.audience) && answer.challenge?.contains(Self.audience) == false)
        }
        try await Self.app(keys: issuer.keys, failureDetails: .listed).test(.router) { client in
            let answer = try await Self.get(client, headers: .bearer(forAnotherApp))
            #expect(answer.status == .unauthorized)
            #expect(answer.body == "claims failed: aud\naud is https://other-app.test, not \(Self.audience)\n")
            #expect(answer.challenge?.contains(Self.audience) == false, "the challenge stays brief")
        }
    }

    /// A member of a JSON answer.
    enum JSONAnswer: Decodable, Equatable {
        case text(String)
        case flag(Bool)
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let flag = try? value.decode(Bool.self) {
                self = .flag(flag)
            } else {
                self = .text(try value.decode(String.self))
            }
        }
    }

    @Test func aRouteDecodesTheClaimsIntoItsOwnType() async throws {
        struct Profile: Decodable, ResponseEncodable {
            var sub: String
            var nickname: String?
            var email_verified: Bool?
        }
        let issuer = try TestIssuer(issuer: Self.issuer, audience: Self.audience, algorithm: .es256)
        let router = Router(context: Context.self)
        router.add(middleware: BearerTokenMiddleware(verifier: issuer.verifier()))
        router.get("profile") { _, context in try context.requireIDToken().decode(Profile.self) }
        router.get("open") { _, context in try context.requireIDToken().subject }
        let token = try issuer.token(subject: "u-7", claims: ["nickname": "Sam", "email_verified": true])
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/profile", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode([String: JSONAnswer].self, from: Data(buffer: response.body))
                #expect(answer == ["sub": .text("u-7"), "nickname": .text("Sam"), "email_verified": .flag(true)])
            }
        }
        // Outside the middleware, requireIDToken() is the programmer's error: a 500, never a crash, an empty subject
        // or a 401 that blames the token.
        let bare = Router(context: Context.self)
        bare.get("open") { _, context in try context.requireIDToken().subject }
        try await Application(router: bare).test(.router) { client in
            try await client.execute(uri: "/open", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .internalServerError)
            }
        }
    }

    @Test func anUnknownKidAfterRotationIsFetchedAndAKeyServerDownIs503() async throws {
        let server = try KeyServer()
        let first = try TokenMinter(.es256, keyID: "2026-11")
        let second = try TokenMinter(.es256, keyID: "2026-12")
        try server.set("jwks.json", JSONValue.object([("keys", .array([first.jwk]))]).serialized)
        let keys = RemoteKeys(.jwks(try #require(URL(string: server.jwksURL))))
        try await Self.app(keys: keys, failureDetails: .listed).test(.router) { client in
            let answer = try await Self.get(client, "Bearer " + first.mint(Self.claims()))
            #expect(answer.status == .ok, "\(answer.body)")
            try server.set("jwks.json", JSONValue.object([("keys", .array([first.jwk, second.jwk]))]).serialized)
            let rotated = try await Self.get(client, "Bearer " + second.mint(Self.claims()))
            #expect(rotated.status == .ok, "\(rotated.body)")
            #expect(server.requests == ["/jwks", "/jwks"])
        }
        let down = try KeyServer()
        try down.set("status", "500")
        try await Self.app(keys: RemoteKeys(.jwks(try #require(URL(string: down.jwksURL))))).test(.router) { client in
            let answer = try await Self.get(client, "Bearer " + first.mint(Self.claims()))
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.challenge == nil)
            #expect(answer.body == "cannot check tokens now (the issuer's keys cannot be had)\n", "no URL or cause by default")
        }
    }

    @Test func aCachedTokenIsNotUsedPastItsExpiry() async throws {
        let minter = try TokenMinter(.rs256)
        let cache = VerifiedTokenCache()
        let keys = StaticKeys(try JWKSet(json: minter.jwks, source: "test"))
        let start = Self.now()
        let clock = Mutex(start)
        let token = try minter.mint(Self.claims([("exp", .number(String(start + 5)))]))
        let router = Router(context: Context.self)
        let verifier = IDTokenVerifier(
            requirements: ClaimRequirements(issuer: Self.issuer, audience: Self.audience, leeway: 0), keys: keys)
        router.add(middleware: BearerTokenMiddleware(verifier: verifier, cache: cache, clock: { clock.withLock { $0 } }))
        router.get("me") { _, context in context.idToken?.subject ?? "nobody" }
        try await Application(router: router).test(.router) { client in
            let first = try await Self.get(client, "Bearer " + token)
            #expect(first.status == .ok, "\(first.body)")
            #expect(cache.count == 1)
            clock.withLock { $0 = start + 4 }
            #expect(try await Self.get(client, "Bearer " + token).status == .ok, "a second before exp")
            clock.withLock { $0 = start + 5 }
            let expired = try await Self.get(client, "Bearer " + token)
            #expect(expired.status == .unauthorized)
            #expect(expired.challenge?.contains("the token has expired") == true)
        }
    }

    @Test func aCachedTokenWhoseKeyLeftTheSetIsRefused() async throws {
        let server = try KeyServer()
        let leaving = try TokenMinter(.es256, keyID: "leaving")
        let staying = try TokenMinter(.es256, keyID: "staying")
        try server.set("jwks.json", JSONValue.object([("keys", .array([leaving.jwk, staying.jwk]))]).serialized)
        // Two seconds: the key set's age counts whole seconds, so one could run out between two requests.
        try server.set("cache-control", "max-age=2")
        let cache = VerifiedTokenCache()
        // The key set's clock moves by hand: its age passes max-age without a wait the machine's load could stretch.
        let now = Mutex(IDTokenVerifier.currentTime())
        let keys = RemoteKeys(.jwks(try #require(URL(string: server.jwksURL))), clock: { now.withLock { $0 } })
        let token = try leaving.mint(Self.claims())
        try await Self.app(keys: keys, cache: cache, failureDetails: .listed).test(.router) { client in
            let first = try await Self.get(client, "Bearer " + token)
            #expect(first.status == .ok, "\(first.body)")
            #expect(try await Self.get(client, "Bearer " + token).status == .ok)
            #expect(server.requests == ["/jwks"], "the second request was answered from the cache")
            try server.set("jwks.json", JSONValue.object([("keys", .array([staying.jwk]))]).serialized)
            now.withLock { $0 += 3 }
            // The stale set answers once more while one refresh runs; after it, the key is gone. The refresh is a
            // task on Swift's pool, which the suite's other tests can keep busy for a while.
            var refused = try await Self.get(client, "Bearer " + token)
            let deadline = ContinuousClock.now + .seconds(120)
            while refused.status == .ok, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                refused = try await Self.get(client, "Bearer " + token)
            }
            #expect(refused.status == .unauthorized, "\(refused.body)")
            let other = try await Self.get(client, "Bearer " + staying.mint(Self.claims()))
            #expect(other.status == .ok, "\(other.status) \(other.body)")
        }
    }

    @Test func theCacheIsBoundedInEntriesAndBytes() throws {
        let minter = try TokenMinter(.rs256)
        let cache = VerifiedTokenCache(maximumEntries: 3, maximumBytes: 1 << 20)
        let set = try JWKSet(json: minter.jwks, source: "test")
        let requirements = ClaimRequirements(issuer: Self.issuer, audience: Self.audience)
        var tokens: [String] = []
        for index in 0..<5 {
            let token = try minter.mint(Self.claims([("sub", .string("user-\(index)"))]))
            let verified = try IDTokenVerifier.inspect(
                try CompactToken(token), keys: set, requirements: requirements, now: Self.now()
            ).verified()
            cache.store(token, verified)
            tokens.append(token)
        }
        #expect(cache.count == 3)
        #expect(cache.lookup(tokens[0]) == nil, "the oldest went first")
        #expect(cache.lookup(tokens[4])?.subject == "user-4")
        let small = VerifiedTokenCache(maximumEntries: 100, maximumBytes: 4096)
        for token in tokens {
            small.store(
                token,
                try IDTokenVerifier.inspect(try CompactToken(token), keys: set, requirements: requirements, now: Self.now())
                    .verified())
        }
        #expect(small.count * (2 * tokens[0].utf8.count + 512) <= 4096)
        #expect(small.count >= 1)
        // Exact bytes: the same token spelled otherwise is another key.
        #expect(cache.lookup(tokens[4] + " ") == nil)
    }
}
