#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Keys fetched over HTTPS: from a JWKS URL, or from the issuer's discovery document's `jwks_uri`. Responses are
/// cached as `Cache-Control: max-age` allows; a token naming an unknown `kid` triggers one refetch, at most once
/// a minute per URL.
public final class RemoteKeys: KeyProvider, @unchecked Sendable {
    public static let refreshInterval: TimeInterval = 60

    public enum Origin: Sendable {
        case discovery(issuer: String)
        case jwks(URL)
    }

    public let origin: Origin
    let fetcher: HTTPFetcher
    let cache: KeyCache?
    let offline: Bool
    private let lock = Lock()
    private var resolvedJWKSURL: URL?
    private var loaded: JWKSet?
    /// When this process last refetched for an unknown `kid`; limits refetches even without a disk cache.
    private var lastRefresh: Date?

    public init(_ origin: Origin, fetcher: HTTPFetcher = HTTPFetcher(), cache: KeyCache?, offline: Bool = false) {
        self.origin = origin
        self.fetcher = fetcher
        self.cache = cache
        self.offline = offline
    }

    public var source: String {
        lock.lock()
        defer { lock.unlock() }
        if let resolvedJWKSURL { return resolvedJWKSURL.absoluteString }
        switch origin {
        case .discovery(let issuer): return "discovery for \(issuer)"
        case .jwks(let url): return url.absoluteString
        }
    }

    public func keySet() throws(KeyLookupError) -> JWKSet {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let url = try jwksURL()
        let set = try parseSet(try document(url, refresh: false), from: url)
        loaded = set
        return set
    }

    public func refreshedKeySet() throws(KeyLookupError) -> JWKSet? {
        lock.lock()
        defer { lock.unlock() }
        guard !offline else { return nil }
        if let lastRefresh, Date().timeIntervalSince(lastRefresh) < Self.refreshInterval { return nil }
        let url = try jwksURL()
        if let entry = cache?.read(url.absoluteString, now: Self.now()), entry.age(at: Self.now()) < Int64(Self.refreshInterval) {
            return nil
        }
        lastRefresh = Date()
        let set = try parseSet(try document(url, refresh: true), from: url)
        loaded = set
        return set
    }

    private func jwksURL() throws(KeyLookupError) -> URL {
        if let resolvedJWKSURL { return resolvedJWKSURL }
        switch origin {
        case .jwks(let url):
            resolvedJWKSURL = url
            return url
        case .discovery(let issuer):
            let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
            guard let discoveryURL = URL(string: trimmed + "/.well-known/openid-configuration") else {
                throw KeyLookupError("issuer \(issuer) is not a URL")
            }
            let body = try document(discoveryURL, refresh: false)
            guard let json = try? StrictJSON.parse(body), case .object = json else {
                throw KeyLookupError("discovery document at \(discoveryURL.absoluteString) is not a JSON object")
            }
            guard json["issuer"]?.string?.hasSameBytes(as: issuer) == true else {
                throw KeyLookupError(
                    "discovery document at \(discoveryURL.absoluteString) names issuer \(json["issuer"]?.serialized ?? "(none)"), not \(issuer)"
                )
            }
            guard let jwks = json["jwks_uri"]?.string, let url = URL(string: jwks) else {
                throw KeyLookupError("discovery document at \(discoveryURL.absoluteString) has no jwks_uri")
            }
            if let refusal = HTTPFetcher.refusal(for: url) { throw KeyLookupError("jwks_uri refused: \(refusal)") }
            resolvedJWKSURL = url
            return url
        }
    }

    private func parseSet(_ body: [UInt8], from url: URL) throws(KeyLookupError) -> JWKSet {
        do {
            return try JWKSet(json: body)
        } catch {
            throw KeyLookupError("JWKS at \(url.absoluteString) \(error.message)")
        }
    }

    /// The body at `url`, from the cache when fresh (or when offline), else fetched and cached.
    private func document(_ url: URL, refresh: Bool) throws(KeyLookupError) -> [UInt8] {
        let key = url.absoluteString
        let cached = cache?.read(key, now: Self.now())
        if offline {
            guard let cached else { throw KeyLookupError("offline, and nothing cached for \(key); run once without --offline") }
            return Array(cached.body.utf8)
        }
        if !refresh, let cached, cached.isFresh(at: Self.now()) { return Array(cached.body.utf8) }
        let response = try fetcher.get(url)
        let maxAge = min(response.maxAge.map(Int64.init) ?? KeyCache.defaultMaxAge, KeyCache.longestMaxAge)
        if let text = String(validating: response.body, as: UTF8.self) {
            cache?.write(KeyCache.Entry(url: key, fetchedAt: Self.now(), maxAge: maxAge, body: text))
        }
        return response.body
    }

    private static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
