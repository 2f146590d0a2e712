/// The signature verdict, kept apart from the claim checks.
public enum SignatureVerdict: Sendable {
    case valid(algorithm: JWSAlgorithm, keyID: String?, keyDescription: String, source: String)
    case invalid(reason: String)
    /// No verdict was possible: no key fits the token, or its algorithm is not supported.
    case unverifiable(reason: String)
    /// No verdict was possible because the keys could not be had (a fetch failed, nothing cached offline): the
    /// token may well be good. A server answers 503 here, not 401.
    case keysUnavailable(reason: String)
    case notChecked
}

/// The overall verdict on a token, worst first: what a server switches on (jwt-inspect makes exit codes of it).
public enum Outcome: Sendable, Comparable {
    case valid, signatureInvalid, claimsFailed, unverifiable, malformed
}

/// Everything learnt about one token.
public struct Inspection: Sendable {
    public let token: CompactToken
    public let signature: SignatureVerdict
    public let checks: [ClaimCheck]
    /// Header parameters that point at keys and were ignored.
    public var ignoredKeyHints: [String] { token.header.keyHints }

    public init(token: CompactToken, signature: SignatureVerdict, checks: [ClaimCheck]) {
        self.token = token
        self.signature = signature
        self.checks = checks
    }

    public var outcome: Outcome {
        switch signature {
        case .invalid: return .signatureInvalid
        case .unverifiable, .keysUnavailable: return .unverifiable
        case .valid, .notChecked:
            if case .notAnObject = token.payload { return .malformed }
            return checks.contains { $0.verdict == .failed } ? .claimsFailed : .valid
        }
    }

    /// The token as verified, or why not.
    public func verified() throws(IDTokenVerificationError) -> VerifiedIDToken {
        let algorithm: JWSAlgorithm
        let keyID: String?
        switch signature {
        case .invalid(let reason): throw .signatureInvalid(reason)
        case .unverifiable(let reason): throw .unverifiable(reason)
        case .keysUnavailable(let reason): throw .keysUnavailable(reason)
        case .notChecked: throw .unverifiable("the signature was not checked")
        case .valid(let used, let key, _, _):
            algorithm = used
            keyID = key
        }
        switch token.payload {
        case .notAnObject(let reason, _): throw .malformed(MalformedToken(.payload, reason))
        case .object(let claims):
            let failed = checks.filter { $0.verdict == .failed }
            guard failed.isEmpty else { throw .claimsFailed(failed) }
            return VerifiedIDToken(claims: claims, header: token.header, algorithm: algorithm, keyID: keyID)
        }
    }
}

/// A token whose signature and claims passed every check.
public struct VerifiedIDToken: Sendable {
    /// The payload, a JSON object.
    public let claims: JSONValue
    public let header: JOSEHeader
    public let algorithm: JWSAlgorithm
    /// The `kid` of the key that verified it.
    public let keyID: String?

    /// `sub`, present and a string in every verified ID token.
    public var subject: String { claims["sub"]?.string ?? "" }
    public var issuer: String { claims["iss"]?.string ?? "" }
    /// `exp`, seconds since 1970.
    public var expiresAt: Int64 { claims["exp"]?.exactInteger ?? 0 }

    public subscript(claim: String) -> JSONValue? { claims[claim] }
}

/// Why a token was refused, with every failed check.
public enum IDTokenVerificationError: Error, CustomStringConvertible, Sendable {
    case malformed(MalformedToken)
    case signatureInvalid(String)
    case unverifiable(String)
    /// The keys could not be had; the token was not judged.
    case keysUnavailable(String)
    case claimsFailed([ClaimCheck])

    /// One line per failure.
    public var failures: [String] {
        switch self {
        case .malformed(let problem): return ["malformed token: \(problem)"]
        case .signatureInvalid(let reason): return ["signature invalid: \(reason)"]
        case .unverifiable(let reason), .keysUnavailable(let reason): return ["could not verify: \(reason)"]
        case .claimsFailed(let checks): return checks.map { "\($0.name) \($0.detail)" }
        }
    }

    public var description: String {
        if case .claimsFailed = self { return "claims failed: " + failures.joined(separator: "; ") }
        return failures.joined(separator: "; ")
    }
}
