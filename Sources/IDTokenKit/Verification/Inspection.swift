/// The signature verdict, kept apart from the claim checks.
package enum SignatureVerdict: Sendable {
    /// `key` is the key that verified it, so that a cache can tell whether the same key would be chosen again.
    case valid(algorithm: JWSAlgorithm, keyID: String?, keyDescription: String, source: String, key: VerificationKey)
    case invalid(reason: String)
    /// No verdict was possible: no key fits the token, or its algorithm is not supported.
    case unverifiable(reason: String)
    /// No verdict was possible because the keys could not be had (a fetch failed, nothing cached offline): the
    /// token may well be good. A server answers 503 here, not 401.
    case keysUnavailable(KeyLookupError)
    case notChecked
}

/// The overall verdict on a token, worst first (jwt-inspect makes exit codes of it).
package enum Outcome: Sendable, Comparable {
    case valid, signatureInvalid, claimsFailed, unverifiable, malformed
}

/// Everything learnt about one token: what jwt-inspect reports. A server gets `VerifiedIDToken` or the error.
package struct Inspection: Sendable {
    package let token: CompactToken
    package let signature: SignatureVerdict
    package let checks: [ClaimCheck]
    /// Header parameters that point at keys and were ignored.
    package var ignoredKeyHints: [String] { token.header.keyHints }

    package init(token: CompactToken, signature: SignatureVerdict, checks: [ClaimCheck]) {
        self.token = token
        self.signature = signature
        self.checks = checks
    }

    package var outcome: Outcome {
        switch signature {
        case .invalid: return .signatureInvalid
        case .unverifiable, .keysUnavailable: return .unverifiable
        case .valid, .notChecked:
            if case .notAnObject = token.payload { return .malformed }
            return checks.contains { $0.verdict == .failed } ? .claimsFailed : .valid
        }
    }

    /// The token as verified, or why not.
    package func verified() throws(IDTokenVerificationError) -> VerifiedIDToken {
        let algorithm: JWSAlgorithm
        let key: VerificationKey
        switch signature {
        case .invalid(let reason): throw .signatureInvalid(reason: reason)
        case .unverifiable(let reason): throw .unverifiable(reason: reason)
        case .keysUnavailable(let error): throw .keysUnavailable(error)
        case .notChecked: throw .unverifiable(reason: "the signature was not checked")
        case .valid(let used, _, _, _, let verifying):
            algorithm = used
            key = verifying
        }
        switch token.payload {
        case .notAnObject(let reason, _): throw .malformed(MalformedToken(.payload, reason))
        case .object(let claims):
            let failed = checks.filter { $0.verdict == .failed }
            guard failed.isEmpty else { throw .claimsFailed(failed) }
            return VerifiedIDToken(
                claims: claims, payloadBytes: token.payloadBytes, header: token.header, algorithm: algorithm,
                verifyingKey: key)
        }
    }
}
