/// The JWS algorithms the verifier knows (RFC 7518 §3, RFC 8037). `none` is not among them.
public enum JWSAlgorithm: String, CaseIterable, Sendable {
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case ps256 = "PS256"
    case ps384 = "PS384"
    case ps512 = "PS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case es512 = "ES512"
    case edDSA = "EdDSA"
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"

    /// The algorithm whose name has exactly these bytes. (`init(rawValue:)` compares with Swift's canonical
    /// equivalence.)
    package init?(exactly name: some StringProtocol) {
        guard let match = Self.allCases.first(where: { $0.rawValue.hasSameBytes(as: name) }) else { return nil }
        self = match
    }

    /// Its position in `allCases`, to index small per-algorithm tables without hashing.
    var ordinal: Int {
        switch self {
        case .rs256: return 0
        case .rs384: return 1
        case .rs512: return 2
        case .ps256: return 3
        case .ps384: return 4
        case .ps512: return 5
        case .es256: return 6
        case .es384: return 7
        case .es512: return 8
        case .edDSA: return 9
        case .hs256: return 10
        case .hs384: return 11
        case .hs512: return 12
        }
    }

    /// The shortest HMAC secret RFC 7518 §3.2 allows: as long as the hash output. Nil for other families.
    package var minimumSecretLength: Int? {
        guard case .hmac = family else { return nil }
        return digestLength
    }

    package enum Family: Sendable {
        case rsaPKCS1, rsaPSS, ecdsa(EllipticCurve), edDSA, hmac
    }

    package var family: Family {
        switch self {
        case .rs256, .rs384, .rs512: return .rsaPKCS1
        case .ps256, .ps384, .ps512: return .rsaPSS
        case .es256: return .ecdsa(.p256)
        case .es384: return .ecdsa(.p384)
        case .es512: return .ecdsa(.p521)
        case .edDSA: return .edDSA
        case .hs256, .hs384, .hs512: return .hmac
        }
    }

    /// The SHA-2 digest name, or nil for EdDSA, which hashes internally.
    package var digest: String? {
        switch self {
        case .rs256, .ps256, .es256, .hs256: return "SHA256"
        case .rs384, .ps384, .es384, .hs384: return "SHA384"
        case .rs512, .ps512, .es512, .hs512: return "SHA512"
        case .edDSA: return nil
        }
    }

    package var digestLength: Int {
        switch digest {
        case "SHA384": return 48
        case "SHA512": return 64
        default: return 32
        }
    }

    /// Whether a public key of this kind may verify this algorithm (curve included).
    package func fits(_ kind: KeyKind) -> Bool {
        switch (family, kind) {
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa), (.edDSA, .ed25519): return true
        case (.ecdsa(let curve), .ec(let keyCurve)): return curve == keyCurve
        default: return false
        }
    }
}
