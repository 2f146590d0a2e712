import IDTokenKit

/// Signs tokens with keys generated for the test.
public struct TokenMinter: Sendable {
    package let signer: TokenSigner
    public var algorithm: JWSAlgorithm { signer.algorithm }
    package var key: OpenSSLKey { signer.key }
    public var keyID: String { signer.keyID }

    public init(_ algorithm: JWSAlgorithm, keyID: String = "test-key") throws {
        signer = try TokenSigner(generating: algorithm, keyID: keyID)
    }

    /// The public JWK without `alg`, as Passwordless.ID's mock publishes it.
    public var jwk: JSONValue {
        .object((signer.publicJWK.members ?? []).filter { $0.0 != "alg" })
    }

    public var jwks: [UInt8] { Array(JSONValue.object([("keys", .array([jwk]))]).serialized.utf8) }

    public func mint(_ claims: [(String, JSONValue)], header extra: [(String, JSONValue)] = []) throws -> String {
        try signer.sign(claims: .object(claims), extraHeader: extra)
    }

    public func sign(header: String, payload: String) throws -> String {
        try signer.sign(header: header, payload: payload)
    }

    public static func claims(issuer: String = "https://issuer.test", audience: String = "https://app.test", now: Int64) -> [(
        String, JSONValue
    )] {
        [
            ("iss", .string(issuer)), ("sub", .string("user-1")), ("aud", .string(audience)), ("iat", .number(String(now - 10))),
            ("exp", .number(String(now + 3600))), ("nickname", .string("Johny")),
        ]
    }
}

extension SignatureVerdict {
    /// The reason given for an invalid or unverifiable signature.
    package var reason: String {
        switch self {
        case .invalid(let reason), .unverifiable(let reason): return reason
        case .keysUnavailable(let error): return error.description
        default: return ""
        }
    }
}

extension Array where Element == UInt8 {
    public init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }
}
