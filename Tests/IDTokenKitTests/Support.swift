import Foundation
import IDTokenKit

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

extension Array where Element == UInt8 {
    init(hex: String) {
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

/// Signs tokens with keys generated for the test.
struct TokenMinter {
    let algorithm: JWSAlgorithm
    let key: OpenSSLKey
    let keyID: String

    init(_ algorithm: JWSAlgorithm, keyID: String = "test-key") throws {
        self.algorithm = algorithm
        self.keyID = keyID
        switch algorithm.family {
        case .rsaPKCS1, .rsaPSS: key = try OpenSSLKey.generate(.rsa(bits: 2048))
        case .ecdsa(let curve): key = try OpenSSLKey.generate(.ec(curve))
        case .edDSA: key = try OpenSSLKey.generate(.ed25519)
        case .hmac: fatalError("use a secret")
        }
    }

    var jwk: JSONValue {
        .object((try! key.publicJWKMembers()).map { ($0.0, JSONValue.string($0.1)) } + [("kid", .string(keyID)), ("use", .string("sig"))])
    }

    var jwks: [UInt8] { Array(JSONValue.object([("keys", .array([jwk]))]).serialized.utf8) }

    func mint(_ claims: [(String, JSONValue)], header extra: [(String, JSONValue)] = []) throws -> String {
        let header = JSONValue.object([("alg", .string(algorithm.rawValue)), ("typ", .string("JWT")), ("kid", .string(keyID))] + extra)
        return try sign(header: header.serialized, payload: JSONValue.object(claims).serialized)
    }

    func sign(header: String, payload: String) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try Signatures.sign(algorithm, key: key, message: Array(input.utf8)))
    }

    static func claims(issuer: String = "https://issuer.test", audience: String = "https://app.test", now: Int64) -> [(String, JSONValue)] {
        [
            ("iss", .string(issuer)), ("sub", .string("user-1")), ("aud", .string(audience)), ("iat", .number(String(now - 10))),
            ("exp", .number(String(now + 3600))), ("nickname", .string("Johny")),
        ]
    }
}
