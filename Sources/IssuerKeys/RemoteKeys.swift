import IDTokenKit
import OpenSSLHTTPClient
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Keys fetched over HTTPS: from a JWKS URL, or from the issuer's discovery document's `jwks_uri`. One instance
/// serves every request of a server:
/// - one fetch at a time, however many requests ask; the others await it;
/// - the key set is kept for the response's `Cache-Control: max-age` (an hour when absent, a day at most); once
///   stale, requests go on being answered with it while one refresh runs in the background;
/// - a token naming an unknown `kid` triggers a refetch, at most once a minute (a failed refresh waits as long);
/// - no thread waits on the network (see `HTTPFetcher.get(_:) async`).
public actor RemoteKeys: KeyProvider {
    public static let refreshInterval: Int64 = 60

    public enum Origin: Sendable {
        case discovery(issuer: String)
        case jwks(URL)
    }

    public nonisolated let origin: Origin
    let fetcher: any DocumentFetching
    let cache: KeyCache?
    let offline: Bool
    let clock: @Sendable () -> Int64

    private var resolvedJWKSURL: URL?
    private var current: (set: JWKSet, expires: Int64)? {
        didSet { snapshot.withLock { $0 = current } }
    }
    /// `current`, readable without a hop onto the actor.
    private nonisolated let snapshot = Mutex<(set: JWKSet, expires: Int64)?>(nil)
    private var inFlight: Task<JWKSet, any Error>?
    /// When the last refetch started, for the once-a-minute limit on refetches and retries.
    private var lastAttempt: Int64?

    /// - Parameters:
    ///   - origin: the issuer's discovery (`.discovery(issuer:)`, which must name that issuer) or a JWKS URL.
    ///   - fetcher: the HTTP client; by default the package's own over OpenSSL. `AsyncHTTPClientFetcher` adapts a
    ///     server's AsyncHTTPClient.
    ///   - clock: seconds since 1970, now; a test gives its own to move time without waiting.
    public init(
        _ origin: Origin, fetcher: any DocumentFetching = HTTPFetcher(),
        clock: @escaping @Sendable () -> Int64 = IDTokenVerifier.currentTime
    ) {
        self.init(origin, fetcher: fetcher, cache: nil, offline: false, clock: clock)
    }

    /// - Parameters:
    ///   - cache: documents on disk, shared by processes (jwt-inspect); nil keeps them in memory only.
    ///   - offline: use the disk cache only, never fetch.
    package init(
        _ origin: Origin, fetcher: any DocumentFetching = HTTPFetcher(), cache: KeyCache?, offline: Bool = false,
        clock: @escaping @Sendable () -> Int64 = IDTokenVerifier.currentTime
    ) {
        self.origin = origin
        self.fetcher = fetcher
        self.cache = cache
        self.offline = offline
        self.clock = clock
    }

    public nonisolated var discoveredIssuer: String? {
        if case .discovery(let issuer) = origin { return issuer }
        return nil
    }

    public nonisolated var freshKeySet: JWKSet? {
        let now = clock()
        return snapshot.withLock { current in current.flatMap { now < $0.expires ? $0.set : nil } }
    }

    public func keySet() async throws(KeyLookupError) -> JWKSet {
        if let current {
            if clock() >= current.expires, !offline, inFlight == nil, mayAttempt() {
                _ = startFetch(refresh: true)
            }
            return current.set
        }
        return try await result(of: inFlight ?? startFetch(refresh: false))
    }

    public func refreshedKeySet() async throws(KeyLookupError) -> JWKSet? {
        guard !offline else { return nil }
        if let inFlight { return try await result(of: inFlight) }
        guard mayAttempt() else { return nil }
        // Other processes sharing the disk cache count too: a key set fetched there within the minute is as new.
        if let url = resolvedJWKSURL, let entry = cache?.read(url.absoluteString, now: clock()),
            entry.age(at: clock()) < Self.refreshInterval
        {
            return nil
        }
        return try await result(of: startFetch(refresh: true))
    }

    private func mayAttempt() -> Bool {
        guard let lastAttempt else { return true }
        return clock().saturatingSubtracting(lastAttempt) >= Self.refreshInterval
    }

    private func startFetch(refresh: Bool) -> Task<JWKSet, any Error> {
        if refresh { lastAttempt = clock() }
        let task = Task { try await self.fetchSet(refresh: refresh) }
        inFlight = task
        return task
    }

    private func result(of task: Task<JWKSet, any Error>) async throws(KeyLookupError) -> JWKSet {
        do {
            return try await task.value
        } catch let error as KeyLookupError {
            throw error
        } catch {
            throw KeyLookupError(.fetchFailed, "\(error)", underlying: error)
        }
    }

    private func fetchSet(refresh: Bool) async throws(KeyLookupError) -> JWKSet {
        defer { inFlight = nil }
        let url = try await jwksURL()
        let (body, expires) = try await document(url, refresh: refresh)
        let set: JWKSet
        do {
            set = try JWKSet(json: body, source: url.absoluteString)
        } catch {
            throw KeyLookupError(.invalidDocument, "JWKS at \(url.absoluteString) \(error.message)", underlying: error)
        }
        current = (set, expires)
        return set
    }

    private func jwksURL() async throws(KeyLookupError) -> URL {
        if let resolvedJWKSURL { return resolvedJWKSURL }
        switch origin {
        case .jwks(let url):
            resolvedJWKSURL = url
            return url
        case .discovery(let issuer):
            let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
            guard let discoveryURL = URL(string: trimmed + "/.well-known/openid-configuration") else {
                throw KeyLookupError(.invalidDocument, "issuer \(issuer) is not a URL")
            }
            let (body, _) = try await document(discoveryURL, refresh: false)
            guard let json = try? StrictJSON.parse(body), case .object = json else {
                throw KeyLookupError(
                    .invalidDocument, "discovery document at \(discoveryURL.absoluteString) is not a JSON object")
            }
            guard json["issuer"]?.string?.hasSameBytes(as: issuer) == true else {
                throw KeyLookupError(
                    .issuerMismatch,
                    "discovery document at \(discoveryURL.absoluteString) names issuer \(json["issuer"]?.serialized ?? "(none)"), not \(issuer)"
                )
            }
            guard let jwks = json["jwks_uri"]?.string, let url = URL(string: jwks) else {
                throw KeyLookupError(
                    .invalidDocument, "discovery document at \(discoveryURL.absoluteString) has no jwks_uri")
            }
            if let refusal = HTTPFetcher.refusal(for: url) {
                throw KeyLookupError(.invalidDocument, "jwks_uri refused: \(refusal)")
            }
            resolvedJWKSURL = url
            return url
        }
    }

    /// The body at `url` and until when it may be used: from the disk cache when fresh (or when offline), else
    /// fetched and cached.
    private func document(_ url: URL, refresh: Bool) async throws(KeyLookupError) -> ([UInt8], expires: Int64) {
        let key = url.absoluteString
        let now = clock()
        let cached = cache?.read(key, now: now)
        if offline {
            guard let cached else { throw KeyLookupError(.notCached, "offline, and nothing cached for \(key)") }
            return (Array(cached.body.utf8), .max)
        }
        if !refresh, let cached, cached.isFresh(at: now) {
            return (Array(cached.body.utf8), cached.fetchedAt.saturatingAdding(cached.maxAge))
        }
        let response: FetchedDocument
        do {
            response = try await fetcher.fetch(url)
        } catch {
            throw KeyLookupError(.fetchFailed, "\(error)", underlying: error)
        }
        let maxAge = min(response.maxAge.map(Int64.init) ?? KeyCache.defaultMaxAge, KeyCache.longestMaxAge)
        if let text = String(validating: response.body, as: UTF8.self) {
            cache?.write(KeyCache.Entry(url: key, fetchedAt: now, maxAge: maxAge, body: text))
        }
        return (response.body, now.saturatingAdding(maxAge))
    }
}
