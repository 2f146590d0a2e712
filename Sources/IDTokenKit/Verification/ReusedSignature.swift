extension IDTokenVerifier {
    /// The verdict `verify` would give now on the token that `earlier` came from, without checking its signature
    /// again: for a cache of verified tokens, which must never change a verdict.
    ///
    /// A verify of the same bytes parses the same header and payload; its signature verdict is the same as long as
    /// `set` chooses a key with the same material as the one that verified it (nil otherwise: verify again).
    /// Every claim check then runs as `verify` runs it, with this verifier's requirements and `now`, so a token
    /// verified for one audience, or before its `exp` or `max_age` passed, is judged afresh.
    package func verdict(reusing earlier: VerifiedIDToken, keys set: JWKSet, now: Int64)
        -> Result<VerifiedIDToken, IDTokenVerificationError>?
    {
        if let mismatch = issuerMismatch { return .failure(.keysUnavailable(mismatch)) }
        guard case .key(let chosen) = set.select(keyID: earlier.header.keyID, algorithm: earlier.algorithm),
            chosen.hasSameMaterial(as: earlier.verifyingKey)
        else { return nil }
        let failed = requirements.check(header: earlier.header, claims: earlier.claims, now: now, describingPasses: false)
            .filter { $0.verdict == .failed }
        return failed.isEmpty ? .success(earlier) : .failure(.claimsFailed(failed))
    }
}
