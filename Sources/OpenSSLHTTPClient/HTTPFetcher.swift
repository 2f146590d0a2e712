#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why a fetch failed: `kind` for code to decide on, `description` in words for a person (the URL included),
/// `underlying` for the cause when there is one.
public struct HTTPFetchError: Error, CustomStringConvertible, Sendable {
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String {
            case refused, connection
            case timedOut = "timed out"
            case tooLarge = "too large"
            case badResponse = "bad response"
            case badStatus = "bad status"
            case tooManyRedirects = "too many redirects"
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The fetch policy forbids the URL or a redirect: not https (plain http only on loopback), https to
        /// http, spaces or control characters.
        public static let refused = Kind(.refused)
        /// No connection: the name did not resolve, the server is not there, TLS failed (an untrusted or
        /// mismatched certificate).
        public static let connection = Kind(.connection)
        public static let timedOut = Kind(.timedOut)
        /// The body is over the size cap; reading stopped there.
        public static let tooLarge = Kind(.tooLarge)
        /// Not HTTP as it must be (a malformed head, length or chunk).
        public static let badResponse = Kind(.badResponse)
        /// A status other than 200 (after redirects).
        public static let badStatus = Kind(.badStatus)
        public static let tooManyRedirects = Kind(.tooManyRedirects)

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

/// GETs small documents (discovery documents, key sets, a pinned script): HTTPS only (plain HTTP only on loopback,
/// for tests and local providers), one timeout for the whole fetch, a size cap enforced while reading, and
/// redirects held to the same rules (and never from https to http). Its own small HTTP/1.1 client over OpenSSL:
/// Foundation's URLSession would load libcurl and some thirty libraries at every start of jwt-inspect, most of
/// its start-up time.
public struct HTTPFetcher: Sendable {
    public static let defaultMaximumBytes = 512 * 1024
    public static let maximumRedirects = 5

    public struct Response: Sendable {
        public let body: [UInt8]
        /// `Cache-Control: max-age`, when the server sent one.
        public let maxAge: Int?
    }

    public var timeout: TimeInterval
    public var maximumBytes: Int
    /// HTTPS requests go through this proxy (by default the one `https_proxy` names).
    public var proxy: ProxySettings?
    public var userAgent: String
    /// A PEM file of the certificates to trust instead of the system's roots (which `SSL_CERT_FILE` and
    /// `SSL_CERT_DIR` may also point elsewhere): a private CA, or a test server's own certificate.
    public var trustedCertificateFile: String?

    public init(
        timeout: TimeInterval = 10, maximumBytes: Int = defaultMaximumBytes,
        proxy: ProxySettings? = ProxySettings(environment: ProcessInfo.processInfo.environment),
        userAgent: String = "OpenSSLHTTPClient", trustedCertificateFile: String? = nil
    ) {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.proxy = proxy
        self.userAgent = userAgent
        self.trustedCertificateFile = trustedCertificateFile
    }

    /// Whether a URL may be fetched: https anywhere, http only on a loopback address.
    public static func refusal(for url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            return "\(url.absoluteString) is not an absolute URL"
        }
        guard isPrintableASCII(url.absoluteString) else {
            return "\(url.absoluteString.debugDescription) has spaces or control characters"
        }
        if scheme == "https" { return nil }
        if scheme == "http", isLoopback(host) { return nil }
        return "\(url.absoluteString) is not https (plain http is allowed only on loopback addresses)"
    }

    /// No spaces, controls or non-ASCII bytes: what may go into a request line as it is.
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// `localhost`, `::1` (bracketed or not) or an IPv4 address in 127.0.0.0/8, in any case.
    package static func isLoopback(_ host: String) -> Bool {
        let bare = host.lowercased().trimming { $0 == "[" || $0 == "]" }
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    public func get(_ url: URL) throws(HTTPFetchError) -> Response {
        let deadline = Deadline(secondsFromNow: timeout)
        let exchange = HTTPExchange(
            maximumBodyBytes: maximumBytes, proxy: proxy, userAgent: userAgent, trustedCertificateFile: trustedCertificateFile)
        var current = url
        for hop in 0...Self.maximumRedirects {
            if let refusal = Self.refusal(for: current) {
                throw HTTPFetchError(.refused, hop == 0 ? "refusing to fetch: \(refusal)" : "refusing redirect: \(refusal)")
            }
            let reply: HTTPExchange.Reply
            do {
                reply = try exchange.get(current, by: deadline)
            } catch {
                throw HTTPFetchError(
                    error.fetchErrorKind, "could not fetch \(current.absoluteString): \(error)", underlying: error)
            }
            if [301, 302, 303, 307, 308].contains(reply.status), let location = reply.headers["location"] {
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    throw HTTPFetchError(
                        .badResponse, "bad redirect from \(current.absoluteString) to \(location.debugDescription)")
                }
                // Once on https, never back to plain http, loopback included: an https key server must not be able
                // to point the tool at a local port.
                if current.scheme?.lowercased() == "https", next.scheme?.lowercased() != "https" {
                    throw HTTPFetchError(
                        .refused,
                        "refusing redirect from \(current.absoluteString) to \(next.absoluteString): https may not lead to plain http"
                    )
                }
                current = next
                continue
            }
            guard reply.status == 200 else {
                throw HTTPFetchError(.badStatus, "HTTP \(reply.status) from \(current.absoluteString)")
            }
            return Response(body: reply.body, maxAge: Self.maxAge(reply.headers["cache-control"]))
        }
        throw HTTPFetchError(.tooManyRedirects, "more than \(Self.maximumRedirects) redirects from \(url.absoluteString)")
    }

    package static func maxAge(_ cacheControl: String?) -> Int? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.lowercased().split(separator: ",") {
            let parts = directive.trimmingWhitespace().split(separator: "=", maxSplits: 1)
            if parts.first == "no-store" || parts.first == "no-cache" { return 0 }
            if parts.count == 2, parts[0] == "max-age", !parts[1].isEmpty, parts[1].utf8.allSatisfy(\.isDecimalDigit) {
                // Too many digits for an Int is still "a long time".
                return Int(parts[1]) ?? .max
            }
        }
        return nil
    }
}

extension HTTPFetcher {
    /// The same fetch without holding up the caller's thread: it runs on a thread of its own, which waits in
    /// poll(2) with the fetch's deadline, so no task of Swift's cooperative pool (nor a server's event loop)
    /// ever waits on the network. Fetches are rare (a key set every few minutes), so a thread each is cheap.
    public func get(_ url: URL) async throws(HTTPFetchError) -> Response {
        let result: Result<Response, HTTPFetchError> = await withCheckedContinuation { continuation in
            OwnThread.start { continuation.resume(returning: Result { () throws(HTTPFetchError) in try self.get(url) }) }
        }
        return try result.get()
    }
}

extension TransportError {
    var fetchErrorKind: HTTPFetchError.Kind {
        switch kind {
        case .connection: return .connection
        case .timedOut: return .timedOut
        case .tooLarge: return .tooLarge
        case .badResponse: return .badResponse
        }
    }
}
