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
    /// The issuer whose discovery document names these keys, when they come from one: a verifier requiring
    /// another issuer refuses every token (the issuer was written twice, differently).
    var discoveredIssuer: String? { get }
}

extension KeyProvider {
    public var freshKeySet: JWKSet? { nil }
    public var discoveredIssuer: String? { nil }
}

/// Why no keys could be had: a fetch failed, a document was wrong, nothing cached offline. `kind` says which,
/// `underlying` keeps the cause (an `HTTPFetchError`, a `KeyMaterialError`…), `description` says it in words.
public struct KeyLookupError: Error, CustomStringConvertible, Sendable {
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String {
            case fetchFailed = "fetch failed"
            case invalidDocument = "invalid document"
            case issuerMismatch = "issuer mismatch"
            case notCached = "not cached"
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The discovery document or key set could not be fetched.
        public static let fetchFailed = Kind(.fetchFailed)
        /// A document arrived but is not what it must be (not JSON, no `jwks_uri`, not a key set, a refused URL).
        public static let invalidDocument = Kind(.invalidDocument)
        /// The discovery document names another issuer than the one asked for.
        public static let issuerMismatch = Kind(.issuerMismatch)
        /// Offline, and nothing was cached.
        public static let notCached = Kind(.notCached)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    public let underlying: (any Error)?
    private let message: String

    public init(_ kind: Kind, _ message: String, underlying: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
