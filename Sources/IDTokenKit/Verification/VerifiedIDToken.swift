#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A token whose signature and claims passed every check.
public struct VerifiedIDToken: Sendable {
    /// The payload, a JSON object.
    public let claims: JSONValue
    /// The payload as it came, for decoding into a type of your own.
    let payloadBytes: [UInt8]
    public let header: JOSEHeader
    public let algorithm: JWSAlgorithm
    /// The key that verified it.
    package let verifyingKey: VerificationKey
    /// The `kid` of the key that verified it.
    public var keyID: String? { verifyingKey.keyID }

    package init(
        claims: JSONValue, payloadBytes: [UInt8], header: JOSEHeader, algorithm: JWSAlgorithm, verifyingKey: VerificationKey
    ) {
        self.claims = claims
        self.payloadBytes = payloadBytes
        self.header = header
        self.algorithm = algorithm
        self.verifyingKey = verifyingKey
    }

    /// `sub`, present and a string in every verified ID token.
    public var subject: String { claims["sub"]?.string ?? "" }
    /// `iss`, the issuer the verifier required.
    public var issuer: String { claims["iss"]?.string ?? "" }
    /// `aud`, one or more client ids, yours among them.
    public var audiences: [String] {
        if let single = claims["aud"]?.string { return [single] }
        return claims["aud"]?.array?.compactMap(\.string) ?? []
    }
    /// `exp`, seconds since 1970.
    public var expiresAt: Int64 { claims["exp"]?.exactInteger ?? 0 }
    /// `iat`, seconds since 1970.
    public var issuedAt: Int64 { claims["iat"]?.exactInteger ?? 0 }

    public subscript(claim: String) -> JSONValue? { claims[claim] }

    /// The claims decoded into a type of yours, such as
    /// `struct Profile: Decodable { var sub: String; var nickname: String? }`.
    public func decode<Claims: Decodable>(
        _ type: Claims.Type = Claims.self, using decoder: JSONDecoder = JSONDecoder()
    ) throws -> Claims {
        try decoder.decode(type, from: Data(payloadBytes))
    }
}

/// Why a token was refused, with every failed check.
public enum IDTokenVerificationError: Error, CustomStringConvertible, Sendable {
    case malformed(MalformedToken)
    case signatureInvalid(reason: String)
    /// No key of the issuer fits the token, or its algorithm is not supported.
    case unverifiable(reason: String)
    /// The keys could not be had; the token was not judged (a server answers 503, not 401).
    case keysUnavailable(KeyLookupError)
    case claimsFailed([ClaimCheck])

    /// One line per failure.
    public var failures: [String] {
        switch self {
        case .malformed(let problem): return ["malformed token: \(problem)"]
        case .signatureInvalid(let reason): return ["signature invalid: \(reason)"]
        case .unverifiable(let reason): return ["could not verify: \(reason)"]
        case .keysUnavailable(let error): return ["could not verify: \(error)"]
        case .claimsFailed(let checks): return checks.map { "\($0.name) \($0.detail)" }
        }
    }

    public var description: String {
        if case .claimsFailed = self { return "claims failed: " + failures.joined(separator: "; ") }
        return failures.joined(separator: "; ")
    }
}
