import IDTokenKit
import OpenSSLHTTPClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A document fetched over HTTP(S), and how long it may be kept (`Cache-Control: max-age`, when sent).
public struct FetchedDocument: Sendable {
    public var body: [UInt8]
    public var maxAge: Int?

    public init(body: [UInt8], maxAge: Int?) {
        self.body = body
        self.maxAge = maxAge
    }
}

/// What `RemoteKeys` needs of an HTTP client: one GET of a small document. `HTTPFetcher`, over OpenSSL, is the
/// default; a server can plug in the client it already runs. Whatever fetches must keep `HTTPFetcher`'s rules:
/// https only (plain http to loopback at most), no redirect from https to http, a size cap and a timeout.
public protocol DocumentFetching: Sendable {
    func fetch(_ url: URL) async throws -> FetchedDocument
}

extension HTTPFetcher: DocumentFetching {
    public func fetch(_ url: URL) async throws -> FetchedDocument {
        let response = try await get(url)
        return FetchedDocument(body: response.body, maxAge: response.maxAge)
    }
}
