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

    /// `verify-bench DIR [SECONDS]`: DIR holds `generate_tokens.py`'s key set and tokens. Only the API both this
    /// build and earlier ones offer is used, so that the same source measures either (bench/jwt-inprocess.sh
    /// with BASELINE).
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: verify-bench DIR [SECONDS]\n".utf8))
            exit(64)
        }
        let folder = URL(fileURLWithPath: arguments[1])
        let seconds = Double(arguments.dropFirst(2).first ?? "") ?? 1
        let rounds = 5
        let jwks = try Data(contentsOf: folder.appendingPathComponent("jwks.json"))
        // IDTokenKit, as a server calls it.
        let set = try JWKSet(json: Array(jwks), source: "bench")
        let verifier = IDTokenVerifier(
            requirements: ClaimRequirements(issuer: issuer, audience: audience), keys: StaticKeys(set))
        // jwt-kit 5.8.0 with the same keys.
        let keys = JWTKeyCollection()
        try await keys.add(jwksJSON: String(decoding: jwks, as: UTF8.self))
        for algorithm in ["RS256", "ES256"] {
            let tokens = try String(contentsOf: folder.appendingPathComponent("\(algorithm).txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            print(
                "\(algorithm): one thread, \(tokens.count) distinct tokens, median of \(rounds) alternating rounds of \(seconds) s"
            )
            // Rounds alternate between the two, so that a slow spell of the machine hits each alike; the median
            // round of each is reported.
            var ours: [Double] = []
            var theirs: [Double] = []
            for _ in 0..<rounds {
                ours.append(try await rate(seconds: seconds, tokens: tokens) { token in _ = try await verifier.verify(token) })
                theirs.append(
                    try await rate(seconds: seconds, tokens: tokens) { token in _ = try await keys.verify(token, as: IDToken.self)
                    })
            }
            let (ourRate, theirRate) = (median(ours), median(theirs))
            print(
                String(
                    format: "%@: IDTokenKit %.1fk/s, jwt-kit 5.8.0 %.1fk/s, IDTokenKit / jwt-kit = %.2f",
                    algorithm, ourRate / 1000, theirRate / 1000, ourRate / theirRate))
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
