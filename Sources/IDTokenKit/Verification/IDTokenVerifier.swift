/// Where verification keys come from. Implementations never look inside the token for keys.
public protocol KeyProvider: Sendable {
    /// A description for reports, e.g. the JWKS URL.
    var source: String { get }
    func keySet() throws(KeyLookupError) -> JWKSet
    /// A fresh copy after a token named an unknown `kid` (key rotation), or nil when refreshing is not possible
    /// or was done too recently.
    func refreshedKeySet() throws(KeyLookupError) -> JWKSet?
}

public struct KeyLookupError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Keys given up front: a JWKS file, a PEM or JWK file, or an HMAC secret.
public struct StaticKeys: KeyProvider {
    public let source: String
    let set: JWKSet

    public init(_ set: JWKSet, source: String) {
        self.set = set
        self.source = source
    }

    public func keySet() throws(KeyLookupError) -> JWKSet { set }
    public func refreshedKeySet() throws(KeyLookupError) -> JWKSet? { nil }
}

/// The signature verdict, kept apart from the claim checks.
public enum SignatureVerdict: Sendable {
    case valid(algorithm: JWSAlgorithm, keyID: String?, keyDescription: String, source: String)
    case invalid(reason: String)
    /// No verdict was possible: no key, fetch failed, unsupported algorithm.
    case unverifiable(reason: String)
    case notChecked
}

/// Exit codes of `jwt-inspect`, also the overall outcome a server can switch on.
public enum Outcome: Int32, Sendable {
    case valid = 0
    case signatureInvalid = 1
    case claimsFailed = 2
    case unverifiable = 3
    case malformed = 4
    case usage = 64
}

/// Everything learnt about one token.
public struct Inspection: Sendable {
    public let token: CompactToken
    public let signature: SignatureVerdict
    public let checks: [ClaimCheck]
    /// Header parameters that point at keys and were ignored.
    public var ignoredKeyHints: [String] { token.header.keyHints }

    public var outcome: Outcome {
        switch signature {
        case .invalid: return .signatureInvalid
        case .unverifiable: return .unverifiable
        case .valid, .notChecked:
            if case .notAnObject = token.payload { return .malformed }
            return checks.contains { $0.verdict == .failed } ? .claimsFailed : .valid
        }
    }
}

/// Why a token was refused, with every failed check.
public enum IDTokenVerificationError: Error, CustomStringConvertible, Sendable {
    case malformed(MalformedToken)
    case signatureInvalid(String)
    case unverifiable(String)
    case claimsFailed([ClaimCheck])

    public var description: String {
        switch self {
        case .malformed(let problem): return "malformed token: \(problem)"
        case .signatureInvalid(let reason): return "signature invalid: \(reason)"
        case .unverifiable(let reason): return "could not verify: \(reason)"
        case .claimsFailed(let checks):
            return "claims failed: " + checks.map { "\($0.name) \($0.detail)" }.joined(separator: "; ")
        }
    }
}

/// Verifies ID tokens for one issuer and audience. The small API a Swift server calls:
///
///     let verifier = IDTokenVerifier(requirements: .init(issuer: issuer, audience: clientID), keys: keys)
///     let claims = try verifier.verify(token)
public struct IDTokenVerifier: Sendable {
    public let requirements: ClaimRequirements
    public let keys: any KeyProvider

    public init(requirements: ClaimRequirements, keys: any KeyProvider) {
        self.requirements = requirements
        self.keys = keys
    }

    /// The verified claims, or an error naming every failure.
    public func verify(_ token: String, now: Int64) throws(IDTokenVerificationError) -> JSONValue {
        let parsed: CompactToken
        do {
            parsed = try CompactToken(token)
        } catch {
            throw .malformed(error)
        }
        let inspection = inspect(parsed, now: now)
        switch inspection.signature {
        case .invalid(let reason): throw .signatureInvalid(reason)
        case .unverifiable(let reason): throw .unverifiable(reason)
        case .notChecked: throw .unverifiable("signature not checked")
        case .valid: break
        }
        guard case .object(let claims) = parsed.payload else {
            if case .notAnObject(let reason, _) = parsed.payload { throw .malformed(MalformedToken(.payload, reason)) }
            throw .unverifiable("no payload")
        }
        let failed = inspection.checks.filter { $0.verdict == .failed }
        guard failed.isEmpty else { throw .claimsFailed(failed) }
        return claims
    }

    /// Verifies the signature and runs every claim check, failing or not.
    public func inspect(_ token: CompactToken, now: Int64) -> Inspection {
        let signature = verifySignature(token)
        var checks: [ClaimCheck] = []
        if case .object(let claims) = token.payload {
            checks = requirements.check(header: token.header, claims: claims, now: now)
        }
        return Inspection(token: token, signature: signature, checks: checks)
    }

    /// Decodes without verifying anything.
    public static func decodeOnly(_ token: CompactToken, requirements: ClaimRequirements, now: Int64) -> Inspection {
        var checks: [ClaimCheck] = []
        if case .object(let claims) = token.payload {
            checks = requirements.check(header: token.header, claims: claims, now: now)
        }
        return Inspection(token: token, signature: .notChecked, checks: checks)
    }

    private func verifySignature(_ token: CompactToken) -> SignatureVerdict {
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
        var set: JWKSet
        do {
            set = try keys.keySet()
        } catch {
            return .unverifiable(reason: error.message)
        }
        var selection = set.select(keyID: header.keyID, algorithm: algorithm)
        if case .none = selection, let keyID = header.keyID,
            !set.keys.contains(where: { $0.keyID?.hasSameBytes(as: keyID) == true })
        {
            // An unknown kid may mean the issuer rotated its keys since the set was fetched.
            do {
                if let refreshed = try keys.refreshedKeySet() {
                    set = refreshed
                    selection = set.select(keyID: keyID, algorithm: algorithm)
                }
            } catch {
                return .unverifiable(reason: error.message)
            }
        }
        guard case .key(let key) = selection else {
            if case .none(let reason) = selection { return .unverifiable(reason: "\(reason) (\(keys.source))") }
            return .unverifiable(reason: "no key")
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
            return .valid(algorithm: algorithm, keyID: key.keyID, keyDescription: key.kindDescription, source: keys.source)
        } catch {
            return .unverifiable(reason: error.message)
        }
    }
}
