/// Keys given up front: a JWKS document, a PEM or JWK public key, or an HMAC secret. What tests and servers with
/// a fixed key use; `RemoteKeys` fetches an issuer's instead.
public struct StaticKeys: KeyProvider {
    package let set: JWKSet

    public init(_ set: JWKSet) { self.set = set }

    /// A JWK set as an issuer publishes it at its `jwks_uri`. Symmetric (`oct`) keys are never taken from one.
    public init(jwksJSON text: String, source: String = "JWKS") throws(KeyMaterialError) {
        set = try JWKSet(json: Array(text.utf8), source: source)
    }

    /// One public key in PEM (`-----BEGIN PUBLIC KEY-----`). Without `keyID` it verifies tokens whatever `kid`
    /// they carry (one key has no choice to make); with it, only tokens that name it (or none).
    public init(pem text: String, keyID: String? = nil, source: String = "PEM key") throws(KeyMaterialError) {
        do {
            let key = try OpenSSLKey.publicKey(pem: text)
            set = JWKSet(
                keys: [VerificationKey(keyID: keyID, material: .publicKey(key))], source: source, singleKeyAnswersAnyKeyID: true)
        } catch {
            throw KeyMaterialError(error.message)
        }
    }

    /// One JWK: a public key, or an `oct` secret at least as long as its hash (RFC 7518 §3.2). Without a `kid`
    /// member it verifies tokens whatever `kid` they carry.
    public init(jwk text: String, source: String = "JWK") throws(KeyMaterialError) {
        let json: JSONValue
        do {
            json = try StrictJSON.parse(Array(text.utf8))
        } catch {
            throw KeyMaterialError("is not valid JSON: \(error)")
        }
        let key = try JWK.parse(json, allowSecret: true)
        if case .secret(let bytes) = key.material { try Self.checkSecretLength(bytes.count) }
        set = JWKSet(keys: [key], source: source, singleKeyAnswersAnyKeyID: true)
    }

    /// An HMAC secret for HS256/384/512, at least 32 bytes: an empty or short one (an unset variable, say) would
    /// verify what anyone signs with the same guess. Without `keyID` it verifies tokens whatever `kid` they carry.
    public init(hmacSecret secret: [UInt8], keyID: String? = nil, source: String = "HMAC secret") throws(KeyMaterialError) {
        try Self.checkSecretLength(secret.count)
        set = JWKSet(
            keys: [VerificationKey(keyID: keyID, material: .secret(secret))], source: source, singleKeyAnswersAnyKeyID: true)
    }

    /// The shortest secret any HMAC algorithm accepts (HS256's).
    package static let minimumSecretBytes = JWSAlgorithm.hs256.digestLength

    private static func checkSecretLength(_ count: Int) throws(KeyMaterialError) {
        guard count >= minimumSecretBytes else {
            throw KeyMaterialError(
                "the HMAC secret is \(count) bytes; at least 32 are needed (48 for HS384, 64 for HS512; RFC 7518 §3.2)",
                kind: .shortSecret)
        }
    }

    public func keySet() async throws(KeyLookupError) -> JWKSet { set }
    public func refreshedKeySet() async throws(KeyLookupError) -> JWKSet? { nil }
    public var freshKeySet: JWKSet? { self.set }
}
