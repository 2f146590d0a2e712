#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Verifies ID tokens for one issuer and audience. What a Swift server calls on every request:
///
///     let verifier = IDTokenVerifier(issuer: issuer, audience: clientID, keys: RemoteKeys(.discovery(issuer: issuer)))
///     let token = try await verifier.verify(bearerToken)   // or IDTokenVerificationError, listing every failure
///     token.subject, token["nickname"]
///
/// The algorithm comes from the key chosen by `kid` (and must fit it), never from anything else in the token.
/// There is no verifier without an audience: it would accept tokens minted for any other app.
public struct IDTokenVerifier: Sendable {
    public let requirements: ClaimRequirements
    public let keys: any KeyProvider

    /// A verifier for tokens that meet `requirements`, signed by one of `keys`.
    /// - Parameters:
    ///   - requirements: the issuer, your audience, the leeway, and a nonce or `max_age` when you require them.
    ///   - keys: where the verification keys come from: `RemoteKeys` (from `IssuerKeys`) for an issuer's
    ///     published keys, ``StaticKeys`` for keys you hold. With `RemoteKeys(.discovery(issuer:))`, the issuer
    ///     must be the requirements' (or every token is refused); `IDTokenVerifier(discovering:audience:)` says it
    ///     once.
    public init(requirements: ClaimRequirements, keys: any KeyProvider) {
        self.requirements = requirements
        self.keys = keys
    }

    /// A verifier with the default leeway (60 s) and no nonce or `max_age`.
    public init(issuer: String, audience: String, keys: any KeyProvider) {
        self.init(requirements: ClaimRequirements(issuer: issuer, audience: audience), keys: keys)
    }

    /// Keys from one issuer's discovery for a verifier that requires another: every token is refused with this.
    var issuerMismatch: KeyLookupError? {
        guard let discovered = keys.discoveredIssuer, !discovered.hasSameBytes(as: requirements.issuer) else { return nil }
        return KeyLookupError(
            .issuerMismatch,
            "the verifier requires issuer \(requirements.issuer), but its keys come from the discovery of \(discovered); "
                + "say the issuer once with IDTokenVerifier(discovering:audience:)")
    }

    /// Seconds since 1970, now.
    public static func currentTime() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

    /// The verified token, or an error naming every failure.
    public func verify(_ token: String, now: Int64 = currentTime()) async throws(IDTokenVerificationError)
        -> VerifiedIDToken
    {
        let parsed: CompactToken
        do {
            parsed = try CompactToken(token)
        } catch {
            throw .malformed(error)
        }
        return try await inspect(parsed, now: now, describingPasses: false).verified()
    }

    /// Verifies the signature (fetching keys as needed, and once more for an unknown `kid`) and runs every claim
    /// check, failing or not.
    /// - Parameter describingPasses: false leaves passing checks without a detail, for callers that act on
    ///   failures only.
    package func inspect(_ token: CompactToken, now: Int64 = currentTime(), describingPasses: Bool = true) async -> Inspection {
        if let mismatch = issuerMismatch {
            return Inspection(token: token, signature: .keysUnavailable(mismatch), checks: requirements.checks(token, now))
        }
        var set: JWKSet
        do {
            set = try await keys.keySet()
        } catch {
            return Inspection(
                token: token, signature: .keysUnavailable(error), checks: requirements.checks(token, now))
        }
        if let keyID = token.header.keyID, !set.contains(keyID: keyID), JWSAlgorithm(exactly: token.header.algorithm) != nil {
            // An unknown kid may mean the issuer rotated its keys since the set was fetched.
            do {
                if let refreshed = try await keys.refreshedKeySet() { set = refreshed }
            } catch {
                return Inspection(
                    token: token, signature: .keysUnavailable(error), checks: requirements.checks(token, now))
            }
        }
        return Self.inspect(token, keys: set, requirements: requirements, now: now, describingPasses: describingPasses)
    }

    /// Verifies with a key set already at hand, without fetching: the building block for batches.
    package static func inspect(
        _ token: CompactToken, keys set: JWKSet, requirements: ClaimRequirements, now: Int64, describingPasses: Bool = true
    ) -> Inspection {
        Inspection(
            token: token, signature: verifySignature(token, with: set),
            checks: requirements.checks(token, now, describingPasses: describingPasses))
    }

    /// Decodes without verifying anything.
    package static func decodeOnly(_ token: CompactToken, requirements: ClaimRequirements, now: Int64) -> Inspection {
        Inspection(token: token, signature: .notChecked, checks: requirements.checks(token, now))
    }

    private static func verifySignature(_ token: CompactToken, with set: JWKSet) -> SignatureVerdict {
        let header = token.header
        if header.algorithm.lowercased().hasSameBytes(as: "none") {
            return .invalid(reason: "alg \"none\" means unsigned; it is always rejected")
        }
        guard let algorithm = JWSAlgorithm(exactly: header.algorithm) else {
            return .unverifiable(reason: "unsupported alg \"\(header.algorithm)\"")
        }
        let unknownCritical = header.unknownCriticalParameters
        if !unknownCritical.isEmpty {
            return .invalid(
                reason:
                    "crit names header parameters this verifier does not understand: \(unknownCritical.joined(separator: ", "))")
        }
        let key: VerificationKey
        switch set.select(keyID: header.keyID, algorithm: algorithm) {
        case .key(let selected): key = selected
        case .none(let reason): return .unverifiable(reason: "\(reason) (\(set.source))")
        }
        do {
            let valid: Bool
            switch key.material {
            case .secret(let secret):
                valid = try Signatures.verifyHMAC(
                    algorithm, secret: secret, message: token.signingInput, signature: token.signature)
            case .publicKey(let publicKey):
                valid = try Signatures.verify(algorithm, key: publicKey, message: token.signingInput, signature: token.signature)
            }
            guard valid else {
                return .invalid(
                    reason: "the \(algorithm.rawValue) signature does not match the key\(key.keyID.map { " \"\($0)\"" } ?? "")")
            }
            return .valid(
                algorithm: algorithm, keyID: key.keyID, keyDescription: key.kindDescription, source: set.source, key: key)
        } catch {
            return .unverifiable(reason: error.message)
        }
    }
}

extension ClaimRequirements {
    /// Every claim check of a token whose payload is an object; none otherwise.
    package func checks(_ token: CompactToken, _ now: Int64, describingPasses: Bool = true) -> [ClaimCheck] {
        guard case .object(let claims) = token.payload else { return [] }
        return check(header: token.header, claims: claims, now: now, describingPasses: describingPasses)
    }
}
