import Synchronization

/// Signs compact JWS tokens with one private key under one key id, and publishes the matching public JWK. Used by
/// the local OpenID provider and by tests; the verifier never needs it.
package struct TokenSigner: Sendable {
    package let algorithm: JWSAlgorithm
    package let key: OpenSSLKey
    package let keyID: String

    /// Generates a fresh key that fits `algorithm` (RSA 2048, the algorithm's curve, or Ed25519).
    package init(generating algorithm: JWSAlgorithm, keyID: String) throws(CryptoError) {
        self.algorithm = algorithm
        self.key = try OpenSSLKey.generate(try Self.keyKind(for: algorithm))
        self.keyID = keyID
    }

    /// A key for `algorithm` made once per process for each `slot` and shared by every signer that asks: for tests,
    /// where an RSA key costs a large part of a second.
    package init(sharedKeyFor algorithm: JWSAlgorithm, keyID: String, slot: Int = 0) throws(CryptoError) {
        let kind = try Self.keyKind(for: algorithm)
        // By the kind of key, so that RS256 and PS256 share an RSA key.
        let name = "\(kind) \(slot)"
        let key: OpenSSLKey
        if let existing = Self.sharedKeys.withLock({ $0[name] }) {
            key = existing
        } else {
            let made = try OpenSSLKey.generate(kind)
            // Two threads may both make one: the first stored wins, so every signer shares it.
            key = Self.sharedKeys.withLock { keys in
                if let existing = keys[name] { return existing }
                keys[name] = made
                return made
            }
        }
        self.algorithm = algorithm
        self.key = key
        self.keyID = keyID
    }

    private static func keyKind(for algorithm: JWSAlgorithm) throws(CryptoError) -> KeyKind {
        switch algorithm.family {
        case .rsaPKCS1, .rsaPSS: return .rsa(bits: 2048)
        case .ecdsa(let curve): return .ec(curve)
        case .edDSA: return .ed25519
        case .hmac: throw CryptoError("\(algorithm.rawValue) needs a shared secret, not a generated key pair")
        }
    }

    private static let sharedKeys = Mutex<[String: OpenSSLKey]>([:])

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
