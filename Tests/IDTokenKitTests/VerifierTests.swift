import IDTokenTesting
import TestSupport
import Testing

@testable import IDTokenKit

@Suite struct VerifierTests {
    static let now: Int64 = 1_764_000_000
    let requirements = ClaimRequirements(issuer: "https://issuer.test", audience: "https://app.test")

    func inspect(_ token: String, keys: JWKSet, requirements: ClaimRequirements? = nil, now: Int64 = now) throws -> Inspection {
        IDTokenVerifier.inspect(try CompactToken(token), keys: keys, requirements: requirements ?? self.requirements, now: now)
    }

    func set(_ minters: TokenMinter...) throws -> JWKSet {
        try JWKSet(json: Array(JSONValue.object([("keys", .array(minters.map(\.jwk)))]).serialized.utf8), source: "test")
    }

    @Test(arguments: [JWSAlgorithm.rs256, .rs384, .rs512, .ps256, .ps384, .ps512, .es256, .es384, .es512, .edDSA])
    func mintedTokensVerify(algorithm: JWSAlgorithm) async throws {
        let minter = try TokenMinter(algorithm)
        let token = try minter.mint(TokenMinter.claims(now: Self.now))
        let inspection = try inspect(token, keys: try set(minter))
        guard case .valid(let used, let keyID, _, _, _) = inspection.signature else {
            Issue.record("not valid: \(inspection.signature)")
            return
        }
        #expect(used == algorithm)
        #expect(keyID == "test-key")
        #expect(inspection.outcome == .valid, "\(inspection.checks.filter { $0.verdict == .failed })")
        let verified = try await IDTokenVerifier(requirements: requirements, keys: StaticKeys(try set(minter))).verify(
            token, now: Self.now)
        #expect(verified["nickname"] == .string("Johny"))
        #expect(verified.subject == "user-1" && verified.keyID == "test-key" && verified.algorithm == algorithm)
    }

    @Test func oneChangedPayloadCharacterBreaksTheSignature() throws {
        let minter = try TokenMinter(.rs256)
        var parts = try minter.mint(TokenMinter.claims(now: Self.now)).split(separator: ".").map(String.init)
        let payload = Array(parts[1])
        let index = payload.count / 2
        parts[1] = String(payload[..<index]) + (payload[index] == "A" ? "B" : "A") + String(payload[(index + 1)...])
        let tampered = parts.joined(separator: ".")
        #expect(try inspect(tampered, keys: try set(minter)).outcome == .signatureInvalid)
    }

    @Test func algNoneIsAlwaysRejected() throws {
        let minter = try TokenMinter(.rs256)
        let header = Base64URL.encode(Array(#"{"alg":"none","kid":"test-key"}"#.utf8))
        let payload = Base64URL.encode(Array(JSONValue.object(TokenMinter.claims(now: Self.now)).serialized.utf8))
        let inspection = try inspect("\(header).\(payload).", keys: try set(minter))
        #expect(inspection.outcome == .signatureInvalid)
    }

    @Test func hmacTokenIsNeverCheckedWithAPublicKey() throws {
        // Algorithm confusion: an HS256 token "signed" with the RSA public key's bytes.
        let minter = try TokenMinter(.rs256)
        let header = Base64URL.encode(Array(#"{"alg":"HS256","kid":"test-key"}"#.utf8))
        let payload = Base64URL.encode(Array(JSONValue.object(TokenMinter.claims(now: Self.now)).serialized.utf8))
        let input = "\(header).\(payload)"
        let mac = try Signatures.hmac(.hs256, secret: Array(minter.jwk.serialized.utf8), message: Array(input.utf8))
        let inspection = try inspect("\(input).\(Base64URL.encode(mac))", keys: try set(minter))
        #expect(inspection.outcome == .unverifiable)
        #expect(inspection.signature.reason.contains("HMAC needs a secret"))
    }

    @Test func algorithmMustFitTheKeyAndCurve() throws {
        let p256 = try TokenMinter(.es256)
        let p384Key = try TokenMinter(.es384, keyID: "test-key")
        let token = try p256.mint(TokenMinter.claims(now: Self.now))
        let inspection = try inspect(token, keys: try set(p384Key))
        #expect(inspection.outcome == .unverifiable)
    }

    @Test func keysWithWrongUseOpsOrAlgAreNotUsed() throws {
        let minter = try TokenMinter(.rs256)
        let token = try minter.mint(TokenMinter.claims(now: Self.now))
        for (member, value) in [
            ("use", JSONValue.string("enc")), ("key_ops", .array([.string("sign")])), ("alg", .string("RS512")),
        ] {
            guard case .object(var members) = minter.jwk else { return }
            members.removeAll { $0.0 == member }
            members.append((member, value))
            let keys = try JWKSet(
                json: Array(JSONValue.object([("keys", .array([.object(members)]))]).serialized.utf8), source: "test")
            #expect(try inspect(token, keys: keys).outcome == .unverifiable, "\(member)")
        }
    }

    @Test func extraMembersAndNoAlgAreFine() throws {
        // Like the Passwordless.ID mock's JWKS: `ext`, `key_ops: ["verify"]`, no `alg`.
        let minter = try TokenMinter(.es256)
        guard case .object(var members) = minter.jwk else { return }
        members.append(("ext", .bool(true)))
        members.append(("key_ops", .array([.string("verify")])))
        let keys = try JWKSet(
            json: Array(JSONValue.object([("keys", .array([.object(members)]))]).serialized.utf8), source: "test")
        #expect(try inspect(try minter.mint(TokenMinter.claims(now: Self.now)), keys: keys).outcome == .valid)
    }

    @Test func kidSelectsAmongManyAndAMissingKidIsNamed() throws {
        let a = try TokenMinter(.rs256, keyID: "a")
        let b = try TokenMinter(.rs256, keyID: "b")
        let other = try TokenMinter(.rs256, keyID: "c")
        #expect(try inspect(try b.mint(TokenMinter.claims(now: Self.now)), keys: try set(a, b)).outcome == .valid)
        let missing = try inspect(try other.mint(TokenMinter.claims(now: Self.now)), keys: try set(a, b))
        #expect(missing.outcome == .unverifiable)
        #expect(missing.signature.reason.contains(#"no key with kid "c" among the 2 keys"#))
    }

    @Test func noKidUsesTheOnlyFittingKeyButNeverGuesses() throws {
        let a = try TokenMinter(.es256, keyID: "a")
        let b = try TokenMinter(.es256, keyID: "b")
        let header = #"{"alg":"ES256"}"#
        let payload = JSONValue.object(TokenMinter.claims(now: Self.now)).serialized
        #expect(try inspect(try a.sign(header: header, payload: payload), keys: try set(a)).outcome == .valid)
        #expect(try inspect(try a.sign(header: header, payload: payload), keys: try set(a, b)).outcome == .unverifiable)
    }

    @Test func smallRSAKeysAreRejected() throws {
        let key = try OpenSSLKey.generate(.rsa(bits: 1024))
        let header = #"{"alg":"RS256"}"#
        let payload = JSONValue.object(TokenMinter.claims(now: Self.now)).serialized
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let token = input + "." + Base64URL.encode(try Signatures.sign(.rs256, key: key, message: Array(input.utf8)))
        let keys = JWKSet(keys: [VerificationKey(keyID: nil, material: .publicKey(key))], source: "test")
        let inspection = try inspect(token, keys: keys)
        #expect(inspection.outcome == .unverifiable)
        #expect(inspection.signature.reason.contains("too small"))
    }

    @Test func unknownCriticalHeaderRejectsTheToken() throws {
        let minter = try TokenMinter(.rs256)
        let token = try minter.mint(
            TokenMinter.claims(now: Self.now), header: [("crit", .array([.string("exp-policy")])), ("exp-policy", .number("1"))])
        #expect(try inspect(token, keys: try set(minter)).outcome == .signatureInvalid)
    }

    @Test func keyHintsInTheHeaderAreIgnored() throws {
        let minter = try TokenMinter(.rs256)
        let attacker = try TokenMinter(.rs256)
        let token = try attacker.mint(
            TokenMinter.claims(now: Self.now),
            header: [("jwk", attacker.jwk), ("jku", .string("https://evil.test/jwks"))])
        let inspection = try inspect(token, keys: try set(minter))
        #expect(inspection.outcome == .signatureInvalid)
        #expect(inspection.ignoredKeyHints == ["jku", "jwk"])
    }

    @Test func everyFailedClaimIsListed() throws {
        let minter = try TokenMinter(.es256)
        let claims: [(String, JSONValue)] = [
            ("iss", .string("https://evil.test")), ("sub", .string("u")),
            ("aud", .array([.string("https://app.test"), .string("other")])),
            ("iat", .number(String(Self.now + 600))), ("exp", .number(String(Self.now - 3 * 3600))), ("nonce", .string("n1")),
            ("auth_time", .number(String(Self.now - 7200))),
        ]
        let strict = ClaimRequirements(issuer: "https://issuer.test", audience: "https://app.test", nonce: "n2", maxAge: 600)
        let inspection = try inspect(
            try minter.mint(claims, header: [("typ", .string("at+jwt"))]), keys: try set(minter), requirements: strict)
        #expect(inspection.outcome == .claimsFailed)
        let failed = Set(inspection.checks.filter { $0.verdict == .failed }.map(\.name))
        #expect(failed == ["typ", "iss", "azp", "exp", "iat", "nonce", "auth_time"])
        #expect(inspection.checks.first { $0.name == "exp" }?.detail.contains("expired 3 h ago") == true)
    }

    @Test func leewayAndNowAreHonoured() throws {
        let minter = try TokenMinter(.es256)
        let token = try minter.mint(TokenMinter.claims(now: Self.now))
        let justAfterExpiry = Self.now + 3600 + 30
        #expect(try inspect(token, keys: try set(minter), now: justAfterExpiry).outcome == .valid)
        let strict = ClaimRequirements(issuer: "https://issuer.test", audience: "https://app.test", leeway: 0)
        #expect(try inspect(token, keys: try set(minter), requirements: strict, now: justAfterExpiry).outcome == .claimsFailed)
    }

    @Test func inspectedWithoutAudienceTheReportSaysSo() throws {
        let minter = try TokenMinter(.es256)
        let open = ClaimRequirements(issuer: "https://issuer.test", audienceIfChecked: nil)
        let inspection = try inspect(
            try minter.mint(TokenMinter.claims(now: Self.now)), keys: try set(minter), requirements: open)
        #expect(inspection.checks.first { $0.claim == .audience }?.skip == .noAudienceRequired)
        #expect(inspection.outcome == .valid)
    }

    @Test func aVerifierRefusesATokenForAnotherAppAndSaysWhy() async throws {
        let issuer = try TestIssuer(audience: "https://app.test", algorithm: .es256)
        let verifier = issuer.verifier()
        #expect(try await verifier.verify(try issuer.token()).audiences == ["https://app.test"])
        let forAnotherApp = try issuer.token(.otherAudience)
        do {
            _ = try await verifier.verify(forAnotherApp)
            Issue.record("a token for another app verified")
        } catch .claimsFailed(let checks) {
            #expect(checks.map(\.claim) == [.audience])
            #expect(checks.first?.detail == "is https://other-app.test, not https://app.test")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func anEmptyAudienceMatchesNothingAndSaysSo() async throws {
        let issuer = try TestIssuer(audience: "", algorithm: .es256)
        let token = try issuer.token()
        do {
            _ = try await issuer.verifier().verify(token)
            Issue.record("an empty audience verified a token")
        } catch .claimsFailed(let checks) {
            #expect(checks.first { $0.claim == .audience }?.detail.contains("the verifier's audience is empty") == true)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func hugeNumbersAreNotDates() throws {
        let minter = try TokenMinter(.es256)
        var claims = TokenMinter.claims(now: Self.now)
        claims.removeAll { $0.0 == "exp" }
        claims.append(("exp", .number("1e300")))
        let inspection = try inspect(try minter.mint(claims), keys: try set(minter))
        #expect(inspection.checks.first { $0.name == "exp" }?.detail.contains("not a NumericDate") == true)
    }

    @Test func datesAreFormattedInUTC() {
        #expect(TimeWording.date(0) == "1970-01-01 00:00:00 UTC")
        #expect(TimeWording.date(1_764_000_000) == "2025-11-24 16:00:00 UTC")
        #expect(TimeWording.date(951_782_400) == "2000-02-29 00:00:00 UTC")
        #expect(TimeWording.date(1_795_643_868) == "2026-11-25 21:57:48 UTC")
        #expect(TimeWording.date(-1) == "1969-12-31 23:59:59 UTC")
        #expect(TimeWording.date(253_402_300_799) == "9999-12-31 23:59:59 UTC")
    }

    @Test func jwksThatIsNotAKeySetIsAnError() {
        #expect(throws: KeyMaterialError.self) { try JWKSet(json: Array(#"{"kty":"RSA"}"#.utf8), source: "test") }
        #expect(throws: KeyMaterialError.self) { try JWKSet(json: Array("[1]".utf8), source: "test") }
    }

    @Test func secretsAreNeverTakenFromAPublishedSet() throws {
        let set = try JWKSet(json: Array(#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"s"}]}"#.utf8), source: "test")
        #expect(set.keys.isEmpty)
        #expect(set.skipped.first?.contains("oct") == true)
    }
}

@Suite struct TimeWordingTests {
    @Test(arguments: [
        (Int64(0), "now"), (5, "in 5 s"), (-5, "5 s ago"), (3240, "in 54 min"), (-10_800, "3 h ago"), (259_200, "in 3 d"),
    ])
    func relativeTimesReadNaturally(delta: Int64, wording: String) {
        #expect(TimeWording.fromNow(delta) == wording)
    }
}
