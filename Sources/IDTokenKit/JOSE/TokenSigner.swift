/// Signs compact JWS tokens with one private key under one key id, and publishes the matching public JWK. Used by
/// the local OpenID provider and by tests; the verifier never needs it.
package struct TokenSigner: Sendable {
    package let algorithm: JWSAlgorithm
    package let key: OpenSSLKey
    package let keyID: String

    /// Generates a fresh key that fits `algorithm` (RSA 2048, the algorithm's curve, or Ed25519).
    package init(generating algorithm: JWSAlgorithm, keyID: String) throws(CryptoError) {
        let kind: KeyKind
        switch algorithm.family {
        case .rsaPKCS1, .rsaPSS: kind = .rsa(bits: 2048)
        case .ecdsa(let curve): kind = .ec(curve)
        case .edDSA: kind = .ed25519
        case .hmac: throw CryptoError("\(algorithm.rawValue) needs a shared secret, not a generated key pair")
        }
        self.algorithm = algorithm
        self.key = try OpenSSLKey.generate(kind)
        self.keyID = keyID
    }

    /// The public key as a JWK, with `kid`, `use: sig` and `alg`, as an issuer's JWKS lists it.
    package var publicJWK: JSONValue {
        let material = (try? key.publicJWKMembers()) ?? []
        return .object(
            material.map { ($0.0, JSONValue.string($0.1)) } + [
                ("kid", .string(keyID)), ("use", .string("sig")), ("alg", .string(algorithm.rawValue)),
            ])
    }

    package var jwks: JSONValue { .object([("keys", .array([publicJWK]))]) }

    /// A token with `alg`, `typ: JWT` and `kid` in its header (plus `extraHeader`, which may replace them).
    package func sign(claims: JSONValue, extraHeader: [(String, JSONValue)] = []) throws(CryptoError) -> String {
        let base: [(String, JSONValue)] = [
            ("alg", .string(algorithm.rawValue)), ("typ", .string("JWT")), ("kid", .string(keyID)),
        ]
        let header = JSONValue.object(base.filter { member in !extraHeader.contains { $0.0 == member.0 } } + extraHeader)
        return try sign(header: header.serialized, payload: claims.serialized)
    }

    /// Signs the exact header and payload text given, for tests that need unusual JSON.
    package func sign(header: String, payload: String) throws(CryptoError) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try Signatures.sign(algorithm, key: key, message: Array(input.utf8)))
    }
}
