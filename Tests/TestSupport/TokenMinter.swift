import IDTokenKit

/// Signs tokens with keys generated for the test.
public struct TokenMinter {
    public let algorithm: JWSAlgorithm
    public let key: OpenSSLKey
    public let keyID: String

    public init(_ algorithm: JWSAlgorithm, keyID: String = "test-key") throws {
        self.algorithm = algorithm
        self.keyID = keyID
        switch algorithm.family {
        case .rsaPKCS1, .rsaPSS: key = try OpenSSLKey.generate(.rsa(bits: 2048))
        case .ecdsa(let curve): key = try OpenSSLKey.generate(.ec(curve))
        case .edDSA: key = try OpenSSLKey.generate(.ed25519)
        case .hmac: fatalError("use a secret")
        }
    }

    public var jwk: JSONValue {
        .object(
            (try! key.publicJWKMembers()).map { ($0.0, JSONValue.string($0.1)) } + [
                ("kid", .string(keyID)), ("use", .string("sig")),
            ])
    }

    public var jwks: [UInt8] { Array(JSONValue.object([("keys", .array([jwk]))]).serialized.utf8) }

    public func mint(_ claims: [(String, JSONValue)], header extra: [(String, JSONValue)] = []) throws -> String {
        let base: [(String, JSONValue)] = [
            ("alg", .string(algorithm.rawValue)), ("typ", .string("JWT")), ("kid", .string(keyID)),
        ]
        let header = JSONValue.object(base.filter { member in !extra.contains { $0.0 == member.0 } } + extra)
        return try sign(header: header.serialized, payload: JSONValue.object(claims).serialized)
    }

    public func sign(header: String, payload: String) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try Signatures.sign(algorithm, key: key, message: Array(input.utf8)))
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
    public var reason: String {
        switch self {
        case .invalid(let reason), .unverifiable(let reason): return reason
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
