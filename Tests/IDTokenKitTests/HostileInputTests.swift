import COpenSSL
import Foundation
import TestSupport
import Testing

@testable import IDTokenKit

/// What an attacker controls (numbers, strings, keys in a published set) must never crash, forge or confuse.
@Suite struct HostileInputTests {
    static let now: Int64 = 1_764_000_000
    let requirements = ClaimRequirements(issuer: "https://issuer.test", audience: "https://app.test", nonce: "n-1", maxAge: 600)

    func claims(_ extra: [(String, JSONValue)]) -> JSONValue {
        var members = TokenMinter.claims(now: Self.now).filter { member in !extra.contains { $0.0 == member.0 } }
        members += extra
        members.append(("nonce", .string("n-1")))
        members.append(("auth_time", .number(String(Self.now - 10))))
        return .object(members)
    }

    func verdict(_ name: String, in checks: [ClaimCheck]) -> ClaimCheck.Verdict? {
        checks.first { $0.name == name }?.verdict
    }

    static let int64Edges = ["-9223372036854775808", "9223372036854775807", "-9223372036854775807", "9007199254740993"]

    @Test(arguments: ["exp", "iat", "nbf", "auth_time"], int64Edges)
    func numericDatesAtTheEdgeOfInt64AreRefusedNotACrash(claim: String, value: String) throws {
        let header = try JOSEHeader(.object([("alg", .string("RS256"))]))
        let checks = requirements.check(header: header, claims: claims([(claim, .number(value))]), now: Self.now)
        #expect(verdict(claim, in: checks) == .failed, "\(checks)")
        #expect(JSONValue.number(value).exactInteger == nil)
    }

    @Test(arguments: [Int64.min, Int64.max, -(1 << 53), 1 << 53, 0])
    func requirementsAtTheEdgeOfInt64NeverTrap(edge: Int64) throws {
        let header = try JOSEHeader(.object([("alg", .string("RS256"))]))
        let token = claims([("exp", .number(String(1 << 53))), ("iat", .number(String(-(1 << 53))))])
        for leeway in [edge, 0, Int64.max] {
            let requirements = ClaimRequirements(
                issuer: "https://issuer.test", audience: "https://app.test", leeway: leeway, maxAge: edge)
            for now in [edge, Self.now, Int64.min, Int64.max] {
                let checks = requirements.check(header: header, claims: token, now: now)
                #expect(checks.count >= 5)
            }
        }
        #expect(!TimeWording.date(edge).isEmpty)
        #expect(!TimeWording.span(edge).isEmpty)
        #expect(!TimeWording.fromNow(edge).isEmpty)
    }

    @Test func datesAreRightAtTheEnds() {
        #expect(TimeWording.date(-1) == "1969-12-31 23:59:59 UTC")
        #expect(TimeWording.date(Int64.min).hasSuffix("UTC"))
        #expect(TimeWording.span(Int64.min) == "\(UInt64(1) << 63 / 86_400) d")
    }

    // MARK: Exact comparison of protocol strings

    /// Pairs that Swift's `==` finds equal although their bytes differ.
    static let lookalikes: [(expected: String, token: String)] = [
        ("https://Keys.test", "https://\u{212A}eys.test"),  // KELVIN SIGN
        ("https://caf\u{E9}.test", "https://cafe\u{301}.test"),  // NFC against NFD
        ("https://a.test/;x", "https://a.test/\u{37E}x"),  // GREEK QUESTION MARK
    ]

    @Test(arguments: 0..<lookalikes.count)
    func issuerAudienceAndNonceCompareByBytes(index: Int) throws {
        let (expected, spelled) = Self.lookalikes[index]
        #expect(expected == spelled, "the pair is equal to Swift's ==, which is the point")
        let header = try JOSEHeader(.object([("alg", .string("RS256"))]))
        let requirements = ClaimRequirements(issuer: expected, audience: expected, nonce: expected)
        let token = JSONValue.object([
            ("iss", .string(spelled)), ("sub", .string("u")), ("aud", .array([.string(spelled), .string("x")])),
            ("azp", .string(spelled)), ("exp", .number(String(Self.now + 60))), ("iat", .number(String(Self.now))),
            ("nonce", .string(spelled)),
        ])
        let checks = requirements.check(header: header, claims: token, now: Self.now)
        for name in ["iss", "aud", "azp", "nonce"] { #expect(verdict(name, in: checks) == .failed, "\(name): \(checks)") }
        let exact = JSONValue.object([
            ("iss", .string(expected)), ("sub", .string("u")), ("aud", .string(expected)),
            ("exp", .number(String(Self.now + 60))), ("iat", .number(String(Self.now))), ("nonce", .string(expected)),
        ])
        #expect(requirements.check(header: header, claims: exact, now: Self.now).allSatisfy { $0.verdict == .passed })
    }

    @Test func keyIDsAndMemberNamesCompareByBytes() throws {
        let minter = try TokenMinter(.es256, keyID: "Key-1")
        let set = try JWKSet(json: minter.jwks, source: "test")
        guard case .none(let reason) = set.select(keyID: "\u{212A}ey-1", algorithm: .es256) else {
            Issue.record("a look-alike kid selected a key")
            return
        }
        #expect(reason.contains("no key with kid"))
        let json = try StrictJSON.parse(Array(#"{"\u212Aid":"x"}"#.utf8))
        #expect(json["Kid"] == nil)
        #expect(JSONValue.string("K") != JSONValue.string("\u{212A}"))
        #expect(JWSAlgorithm(exactly: "RS256") == .rs256)
        #expect(JWSAlgorithm(exactly: "rs256") == nil)
    }

    @Test func typIsCaseInsensitiveOnlyInASCII() throws {
        let base = claims([])
        for (type, verdict) in [("JWT", ClaimCheck.Verdict.passed), ("jwt", .passed), ("JWT\u{301}", .failed), ("JWS", .failed)] {
            let header = try JOSEHeader(.object([("alg", .string("RS256")), ("typ", .string(type))]))
            #expect(
                self.verdict("typ", in: requirements.check(header: header, claims: base, now: Self.now)) == verdict, "\(type)")
        }
    }

    // MARK: Keys anyone can sign for

    func digest(_ message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = EVP_Digest(message, message.count, &output, &length, EVP_sha256(), nil)
        return output
    }

    func token(header: String, payload: JSONValue, signature: (String) -> [UInt8]) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.serialized.utf8))
        return input + "." + Base64URL.encode(signature(input))
    }

    @Test(arguments: ["AQ", "Ag", "AA", "AQAA"])
    func rsaExponentsThatForgeAreRefused(exponent: String) throws {
        // With e = 1 the EMSA-PKCS1-v1_5 encoding of the digest is its own signature: anyone can make it.
        let modulus = try OpenSSLKey.generate(.rsa(bits: 2048)).publicJWKMembers().first { $0.0 == "n" }?.1 ?? ""
        let set = try JWKSet(
            json: Array(#"{"keys":[{"kty":"RSA","kid":"k","n":"\#(modulus)","e":"\#(exponent)"}]}"#.utf8), source: "test")
        let digestInfo: [UInt8] = [
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
        ]
        let forged = token(header: #"{"alg":"RS256","kid":"k"}"#, payload: claims([])) { input in
            let tail = digestInfo + digest(Array(input.utf8))
            return [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 256 - 3 - tail.count) + [0x00] + tail
        }
        let inspection = IDTokenVerifier.inspect(try CompactToken(forged), keys: set, requirements: requirements, now: Self.now)
        #expect(inspection.outcome == .unverifiable, "\(inspection.signature)")
        #expect(inspection.signature.reason.contains("RSA public exponent"), "\(inspection.signature.reason)")
    }

    @Test func ed25519IdentityKeyCannotVerifyItsUniversalSignature() throws {
        // A = identity, R = identity, S = 0 satisfies [S]B = R + [k]A for every message.
        let identity = [UInt8](repeating: 0, count: 32).enumerated().map { $0.offset == 0 ? 1 : $0.element }
        let set = try JWKSet(
            json: Array(#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k","x":"\#(Base64URL.encode(identity))"}]}"#.utf8),
            source: "test")
        let forged = token(header: #"{"alg":"EdDSA","kid":"k"}"#, payload: claims([])) { _ in
            identity + [UInt8](repeating: 0, count: 32)
        }
        let inspection = IDTokenVerifier.inspect(try CompactToken(forged), keys: set, requirements: requirements, now: Self.now)
        #expect(inspection.outcome == .unverifiable, "\(inspection.signature)")
        #expect(inspection.signature.reason.contains("small order"), "\(inspection.signature.reason)")
    }

    @Test func everySmallOrderEd25519PointIsRefusedAndTheListIsComplete() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/ed25519_small_order.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let computed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map { [UInt8](hex: String($0)) }
        process.waitUntilExit()
        #expect(computed.count == 8)
        // Non-canonical spellings of y = 0 and y = 1 (y + p) are refused too.
        let nonCanonical = [
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        ].map { [UInt8](hex: $0) }
        for point in computed + nonCanonical {
            #expect(KeyStrength.hasSmallOrder(point), "\(point)")
            for signBit in [0, 0x80] as [UInt8] {
                var spelled = point
                spelled[31] |= signBit
                guard let key = try? OpenSSLKey.ed25519(publicKey: spelled) else { continue }
                #expect(key.weakness != nil)
            }
        }
        let ordinary = try OpenSSLKey.generate(.ed25519)
        #expect(ordinary.weakness == nil)
    }

    // MARK: HMAC secrets

    @Test(arguments: [(JWSAlgorithm.hs256, 32), (.hs384, 48), (.hs512, 64)])
    func hmacSecretsShorterThanTheHashAreRefused(algorithm: JWSAlgorithm, minimum: Int) throws {
        let header = #"{"alg":"\#(algorithm.rawValue)"}"#
        for length in [0, 1, minimum - 1, minimum] {
            let secret = [UInt8](repeating: 0x61, count: length)
            let signed = token(header: header, payload: claims([])) { input in
                (try? Signatures.hmac(algorithm, secret: secret, message: Array(input.utf8))) ?? []
            }
            let set = JWKSet(keys: [VerificationKey(keyID: nil, material: .secret(secret))], source: "test")
            let inspection = IDTokenVerifier.inspect(
                try CompactToken(signed), keys: set, requirements: requirements, now: Self.now)
            if length < minimum {
                #expect(inspection.outcome == .unverifiable, "\(length) bytes")
                #expect(inspection.signature.reason.contains("needs at least \(minimum)"), "\(inspection.signature.reason)")
            } else {
                #expect(inspection.outcome == .valid, "\(inspection.signature)")
            }
        }
    }

    // MARK: Empty payload

    @Test func anEmptyPayloadHasItsSignatureCheckedAndStillFails() async throws {
        let minter = try TokenMinter(.es256)
        let signed = try minter.sign(header: #"{"alg":"ES256","kid":"test-key"}"#, payload: "")
        #expect(signed.split(separator: ".", omittingEmptySubsequences: false)[1].isEmpty)
        let verifier = IDTokenVerifier(
            requirements: requirements, keys: StaticKeys(try JWKSet(json: minter.jwks, source: "test")))
        let inspection = await verifier.inspect(try CompactToken(signed), now: Self.now)
        guard case .valid = inspection.signature else {
            Issue.record("signature not valid: \(inspection.signature)")
            return
        }
        #expect(inspection.outcome == .malformed)
        await #expect(throws: IDTokenVerificationError.self) { try await verifier.verify(signed, now: Self.now) }
        let tampered = String(signed.dropLast(2)) + (signed.hasSuffix("AA") ? "BA" : "AA")
        #expect(await verifier.inspect(try CompactToken(tampered), now: Self.now).outcome == .signatureInvalid)
    }

    // MARK: Output

    @Test func jsonEscapesWhatWouldDriveATerminal() {
        let text = JSONValue.string("a\u{1B}[2K\u{9B}31m\u{202E}b\u{2028}\u{7F}é").serialized
        #expect(text == #""a\u001b[2K\u009b31m\u202eb\u2028\u007fé""#)
        #expect(JSONValue.string("plain ascii").serialized == #""plain ascii""#)
    }
}
