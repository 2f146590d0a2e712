import AsyncHTTPClient
import IssuerKeys
import NIOCore
import NIOHTTP1
import OpenSSLHTTPClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `RemoteKeys` over the AsyncHTTPClient a server already runs, with the fetch policy of the package's own client:
/// https only (plain http only on loopback), never from https to http, at most 5 redirects, a size cap enforced
/// while reading, one deadline for the whole fetch. Failures are `HTTPFetchError`s of the same kinds.
///
///     let keys = RemoteKeys(.discovery(issuer: issuer), fetcher: AsyncHTTPClientFetcher(client: .shared))
///
/// Give it a client made with `redirectConfiguration: .disallow` and it follows redirects itself, checking each
/// before it is requested. A client that follows redirects on its own has made the requests already: every hop
/// is checked afterwards, and a response reached through a forbidden one is refused all the same.
public struct AsyncHTTPClientFetcher: DocumentFetching {
    public let client: HTTPClient
    public var timeout: TimeAmount
    public var maximumBytes: Int

    public init(
        client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10), maximumBytes: Int = HTTPFetcher.defaultMaximumBytes
    ) {
        self.client = client
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    public func fetch(_ url: URL) async throws -> FetchedDocument {
        let deadline = NIODeadline.now() + timeout
        var current = url
        for hop in 0...HTTPFetcher.maximumRedirects {
            if let refusal = HTTPFetcher.refusal(for: current) {
                throw HTTPFetchError(.refused, hop == 0 ? "refusing to fetch: \(refusal)" : "refusing redirect: \(refusal)")
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(HTTPClientRequest(url: current.absoluteString), deadline: deadline)
            } catch {
                throw HTTPFetchError(
                    Self.kind(of: error), "could not fetch \(current.absoluteString): \(error)", underlying: error)
            }
            try Self.checkRedirectsTaken(response.history, from: current)
            let reached = response.url ?? current
            if response.status != .ok {
                // Read to the end (a little at most), so the client can reuse or close the connection.
                _ = try? await response.body.collect(upTo: 64 * 1024)
            }
            if [301, 302, 303, 307, 308].contains(response.status.code), let location = response.headers.first(name: "location") {
                guard let next = URL(string: location, relativeTo: reached)?.absoluteURL else {
                    throw HTTPFetchError(
                        .badResponse, "bad redirect from \(reached.absoluteString) to \(location.debugDescription)")
                }
                try Self.checkRedirect(from: reached, to: next)
                current = next
                continue
            }
            guard response.status == .ok else {
                throw HTTPFetchError(.badStatus, "HTTP \(response.status.code) from \(reached.absoluteString)")
            }
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maximumBytes {
                throw tooLarge("\(length) bytes")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: maximumBytes)
            } catch is NIOTooManyBytesError {
                throw tooLarge("longer than that")
            } catch {
                throw HTTPFetchError(
                    Self.kind(of: error), "could not read \(reached.absoluteString): \(error)", underlying: error)
            }
            return FetchedDocument(
                body: Array(body.readableBytesView),
                maxAge: HTTPFetcher.maxAge(response.headers[canonicalForm: "cache-control"].joined(separator: ",")))
        }
        throw HTTPFetchError(.tooManyRedirects, "more than \(HTTPFetcher.maximumRedirects) redirects from \(url.absoluteString)")
    }

    private func tooLarge(_ size: String) -> HTTPFetchError {
        HTTPFetchError(.tooLarge, "the response is \(size), over the \(maximumBytes)-byte limit")
    }

    /// Every hop a redirect-following client took, held to the policy.
    private static func checkRedirectsTaken(_ history: [HTTPClientRequestResponse], from start: URL) throws(HTTPFetchError) {
        var previous = start
        for step in history.dropFirst() {
            guard let url = URL(string: step.request.url) else {
                throw HTTPFetchError(.badResponse, "bad redirect from \(previous.absoluteString)")
            }
            if let refusal = HTTPFetcher.refusal(for: url) { throw HTTPFetchError(.refused, "refusing redirect: \(refusal)") }
            try checkRedirect(from: previous, to: url)
            previous = url
        }
    }

    private static func checkRedirect(from current: URL, to next: URL) throws(HTTPFetchError) {
        // Once on https, never back to plain http, loopback included.
        if current.scheme?.lowercased() == "https", next.scheme?.lowercased() != "https" {
            throw HTTPFetchError(
                .refused,
                "refusing redirect from \(current.absoluteString) to \(next.absoluteString): https may not lead to plain http")
        }
    }

    private static func kind(of error: any Error) -> HTTPFetchError.Kind {
        guard let error = error as? HTTPClientError else { return .connection }
        if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout].contains(error) {
            return .timedOut
        }
        if [.redirectLimitReached, .redirectCycleDetected].contains(error) { return .tooManyRedirects }
        return .connection
    }
}
