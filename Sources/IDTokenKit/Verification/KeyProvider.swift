/// Where verification keys come from. Implementations never look inside the token for keys.
public protocol KeyProvider: Sendable {
    /// The keys to verify with now.
    func keySet() async throws(KeyLookupError) -> JWKSet
    /// A fresh copy after a token named an unknown `kid` (key rotation), or nil when refreshing is not possible
    /// or was done too recently.
    func refreshedKeySet() async throws(KeyLookupError) -> JWKSet?
    /// The keys at hand when they are fresh, without waiting (no actor hop), else nil: then `keySet()` is asked.
    /// Callers on a hot path (a cache hit per request) use it.
    var freshKeySet: JWKSet? { get }
}

extension KeyProvider {
    public var freshKeySet: JWKSet? { nil }
}

/// Why no keys could be had: a fetch failed, a document was wrong, nothing cached offline.
public struct KeyLookupError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Keys given up front: a JWKS file, a PEM or JWK file, or an HMAC secret.
public struct StaticKeys: KeyProvider {
    let set: JWKSet

    public init(_ set: JWKSet) { self.set = set }

    public func keySet() async throws(KeyLookupError) -> JWKSet { set }
    public func refreshedKeySet() async throws(KeyLookupError) -> JWKSet? { nil }
    public var freshKeySet: JWKSet? { self.set }
}
