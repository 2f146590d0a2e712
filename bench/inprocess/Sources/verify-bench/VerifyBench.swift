import Foundation
import IDTokenKit
import JWTKit

/// Verifies the same tokens with IDTokenKit and jwt-kit, the same checks (signature; iss, aud, exp, iat, sub),
/// on one thread, and prints tokens per second for each.
@main @MainActor struct VerifyBench {
    nonisolated static let issuer = "https://api.passwordless.id"
    nonisolated static let audience = "https://app.test"

    /// The claims jwt-kit checks, as a server using it would write them.
    struct IDToken: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var nickname: String?

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
            guard iss.value == VerifyBench.issuer else {
                throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer")
            }
            try aud.verifyIntendedAudience(includes: VerifyBench.audience)
            guard iat.value <= Date().addingTimeInterval(60) else {
                throw JWTError.claimVerificationFailure(failedClaim: iat, reason: "issued in the future")
            }
        }
    }

    static func main() async throws {
        let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 2000
        let seconds = Double(CommandLine.arguments.dropFirst(2).first ?? "") ?? 1
        let rounds = 5
        print(
            "in-process verification, one thread, \(count) distinct tokens each, median of \(rounds) alternating rounds of \(seconds) s"
        )
        for algorithm in [JWSAlgorithm.rs256, .es256] {
            let signer = try TokenSigner(generating: algorithm, keyID: "k")
            let now = Int64(Date().timeIntervalSince1970)
            let tokens = try (0..<count).map { index in
                try signer.sign(
                    claims: .object([
                        ("iss", .string(issuer)), ("sub", .string("user-\(index)")), ("aud", .string(audience)),
                        ("iat", .number(String(now - 10))), ("exp", .number(String(now + 3600))), ("nickname", .string("Sam")),
                    ]))
            }
            // IDTokenKit, as a server calls it.
            let set = try JWKSet(json: Array(signer.jwks.serialized.utf8), source: "bench")
            let verifier = IDTokenVerifier(
                requirements: ClaimRequirements(issuer: issuer, audience: audience), keys: StaticKeys(set))

            // jwt-kit 5.8.0 with the same key.
            let keys = JWTKeyCollection()
            let members = Dictionary(
                uniqueKeysWithValues: (signer.publicJWK.members ?? []).compactMap { name, value in value.string.map { (name, $0) }
                })
            switch algorithm {
            case .rs256:
                let key = try Insecure.RSA.PublicKey(modulus: members["n"] ?? "", exponent: members["e"] ?? "")
                await keys.add(rsa: key, digestAlgorithm: .sha256, kid: "k")
            default:
                let key = try ES256PublicKey(parameters: (x: members["x"] ?? "", y: members["y"] ?? ""))
                await keys.add(ecdsa: key, kid: "k")
            }
            let parsed = try tokens.map { try CompactToken($0) }
            var index = 0
            // Rounds alternate between the three, so that a slow spell of the machine hits each alike; the
            // median round of each is reported.
            var ours: [Double] = []
            var theirs: [Double] = []
            var signatureAlone: [Double] = []
            for _ in 0..<rounds {
                ours.append(try await rate(seconds: seconds, tokens: tokens) { token in _ = try await verifier.verify(token) })
                theirs.append(
                    try await rate(seconds: seconds, tokens: tokens) { token in _ = try await keys.verify(token, as: IDToken.self)
                    })
                // The signature alone through IDTokenKit's OpenSSL calls: the floor under IDTokenKit's figure.
                signatureAlone.append(
                    try await rate(seconds: seconds, tokens: tokens) { _ in
                        let token = parsed[index % parsed.count]
                        index += 1
                        _ = try Signatures.verify(
                            algorithm, key: signer.key, message: token.signingInput, signature: token.signature)
                    })
            }
            let (ourRate, theirRate, signatureRate) = (median(ours), median(theirs), median(signatureAlone))
            print(
                String(
                    format: "%@: IDTokenKit %.1fk/s, jwt-kit 5.8.0 %.1fk/s, IDTokenKit / jwt-kit = %.2f; signature alone %.1fk/s",
                    algorithm.rawValue, ourRate / 1000, theirRate / 1000, ourRate / theirRate, signatureRate / 1000))
        }
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// Tokens verified per second, over rounds of the whole list until `seconds` have passed (after a warm-up).
    static func rate(seconds: Double, tokens: [String], _ verify: (String) async throws -> Void) async throws -> Double {
        for token in tokens.prefix(200) { try await verify(token) }
        let clock = ContinuousClock()
        let start = clock.now
        var verified = 0
        while (clock.now - start) < .milliseconds(Int(seconds * 1000)) {
            for token in tokens { try await verify(token) }
            verified += tokens.count
        }
        let elapsed = clock.now - start
        return Double(verified) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
