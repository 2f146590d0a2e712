import Hummingbird
import HummingbirdTesting
import IDTokenHummingbird
import IDTokenKit
import Synchronization
import TestSupport
import Testing

/// A cache only saves signature checks: with it or without it, every request gets the same answer, whoever shares
/// it and whatever the time.
@Suite struct SharedCacheTests {
    typealias Context = BearerTokenMiddlewareTests.Context
    static let issuer = "https://issuer.test"
    static let start: Int64 = 1_800_000_000

    /// One app with a route per set of requirements, all behind middlewares that share `cache`, on a clock set by hand.
    static func app(
        _ requirements: [ClaimRequirements], keys: StaticKeys, cache: VerifiedTokenCache?, clock: HandClock
    ) -> some ApplicationProtocol {
        let router = Router(context: Context.self)
        for (index, requirement) in requirements.enumerated() {
            router.group(RouterPath("r\(index)"))
                .add(
                    middleware: BearerTokenMiddleware(
                        verifier: IDTokenVerifier(requirements: requirement, keys: keys), cache: cache,
                        failureDetails: .listed, clock: { clock.now })
                )
                .get("me") { _, context in try context.requireIDToken().subject }
        }
        return Application(router: router)
    }

    static func get(_ client: some TestClientProtocol, _ route: Int, _ token: String) async throws -> String {
        try await client.execute(uri: "/r\(route)/me", method: .get, headers: [.authorization: "Bearer " + token]) {
            "\($0.status.code) \(String(buffer: $0.body))"
        }
    }

    @Test func anotherAppsTokenStaysRefusedAfterItsOwnAppCachedIt() async throws {
        let minter = try TokenMinter(.es256)
        let keys = StaticKeys(try JWKSet(json: minter.jwks, source: "test"))
        let cache = VerifiedTokenCache()
        let clock = HandClock(Self.start)
        let apps = ["https://a.test", "https://b.test"].map { ClaimRequirements(issuer: Self.issuer, audience: $0) }
        let token = try minter.mint(TokenMinter.claims(issuer: Self.issuer, audience: "https://a.test", now: Self.start))
        try await Self.app(apps, keys: keys, cache: cache, clock: clock).test(.router) { client in
            #expect(try await Self.get(client, 1, token).hasPrefix("401"))
            #expect(try await Self.get(client, 0, token).hasPrefix("200"))
            #expect(cache.count == 1)
            let again = try await Self.get(client, 1, token)
            #expect(again.hasPrefix("401 claims failed: aud"), "\(again)")
        }
    }

    @Test func aCachedSignInIsRefusedOnceMaxAgeHasPassed() async throws {
        let minter = try TokenMinter(.es256)
        let keys = StaticKeys(try JWKSet(json: minter.jwks, source: "test"))
        let clock = HandClock(Self.start)
        let requirements = [ClaimRequirements(issuer: Self.issuer, audience: "https://a.test", leeway: 0, maxAge: 300)]
        var claims = TokenMinter.claims(issuer: Self.issuer, audience: "https://a.test", now: Self.start)
        claims.removeAll { $0.0 == "exp" }
        claims += [("auth_time", .number(String(Self.start))), ("exp", .number(String(Self.start + 3600)))]
        let token = try minter.mint(claims)
        try await Self.app(requirements, keys: keys, cache: VerifiedTokenCache(), clock: clock).test(.router) { client in
            #expect(try await Self.get(client, 0, token).hasPrefix("200"))
            clock.now = Self.start + 299
            #expect(try await Self.get(client, 0, token).hasPrefix("200"))
            clock.now = Self.start + 301
            let late = try await Self.get(client, 0, token)
            #expect(late.hasPrefix("401 claims failed: auth_time"), "\(late)")
        }
    }

    /// Random tokens, routes with random requirements and random times, asked of an app with a shared cache and of
    /// one without: every answer must be the same, word for word.
    @Test func verdictsWithAndWithoutTheCacheAreIdentical() async throws {
        var random = SplitMix64(seed: 0x5eed_cac4e)
        let minter = try TokenMinter(.es256, keyID: "k1")
        let stranger = try TokenMinter(.es256, keyID: "k1")
        let keys = StaticKeys(try JWKSet(json: minter.jwks, source: "test"))
        let audiences = ["https://a.test", "https://b.test", "https://c.test"]
        let issuers = [Self.issuer, "https://other.test"]
        var requirements: [ClaimRequirements] = []
        for _ in 0..<12 {
            requirements.append(
                ClaimRequirements(
                    issuer: issuers[random.below(2) == 0 ? 0 : random.below(2)], audience: audiences[random.below(3)],
                    leeway: [0, 5, 60][random.below(3)], maxAge: [nil, nil, 600, 3600][random.below(4)]))
        }
        // Times near the start, so that as many checks pass as fail.
        func time(_ from: Int, _ to: Int) -> Int64 { Self.start + Int64(from + random.below(to - from)) }
        var tokens: [String] = []
        for index in 0..<60 {
            var claims: [(String, JSONValue)] = [
                ("iss", .string(issuers[random.below(4) == 0 ? 1 : 0])), ("sub", .string("user-\(index)")),
                (
                    "aud",
                    random.below(2) == 0
                        ? .string(audiences[random.below(3)])
                        : .array([.string(audiences[random.below(3)]), .string(audiences[random.below(3)])])
                ),
                ("iat", .number(String(time(-900, 100)))), ("exp", .number(String(time(-100, 1200)))),
            ]
            if random.below(3) == 0 { claims.append(("nbf", .number(String(time(-300, 300))))) }
            if random.below(3) != 0 { claims.append(("auth_time", .number(String(time(-700, 0))))) }
            if random.below(3) == 0 { claims.append(("azp", .string(audiences[random.below(3)]))) }
            tokens.append(try (random.below(10) == 0 ? stranger : minter).mint(claims))
        }
        let plan = (0..<3000).map { _ in
            (route: random.below(requirements.count), token: tokens[random.below(tokens.count)], time: time(-100, 1000))
        }
        let clock = HandClock(Self.start)
        let cache = VerifiedTokenCache(maximumEntries: 40)
        let apps = requirements
        let (differing, passed) = try await Self.app(apps, keys: keys, cache: cache, clock: clock).test(.router) { cached in
            try await Self.app(apps, keys: keys, cache: nil, clock: clock).test(.router) { uncached in
                var differing: [String] = []
                var passed = 0
                for request in plan {
                    clock.now = request.time
                    let expected = try await Self.get(uncached, request.route, request.token)
                    let answer = try await Self.get(cached, request.route, request.token)
                    if answer != expected {
                        differing.append("route \(request.route) at \(request.time): \(answer) / \(expected)")
                    }
                    if expected.hasPrefix("200") { passed += 1 }
                }
                return (differing, passed)
            }
        }
        #expect(differing.count == 0, "\(differing.prefix(3))")
        // The mix must exercise both verdicts, or the comparison proves little.
        #expect(passed > 100 && passed < 2900, "\(passed) of 3000 passed")
        #expect(cache.count > 0)
    }
}

/// Seconds since 1970, moved by the test.
final class HandClock: Sendable {
    private let seconds: Mutex<Int64>
    init(_ start: Int64) { seconds = Mutex(start) }
    var now: Int64 {
        get { seconds.withLock { $0 } }
        set { seconds.withLock { $0 = newValue } }
    }
}
