import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches discovery documents and key sets: HTTPS only (plain HTTP only on loopback, for tests and local
/// providers), a timeout, a size cap, and redirects held to the same rules.
public struct HTTPFetcher: Sendable {
    public static let defaultMaximumBytes = 512 * 1024

    public struct Response: Sendable {
        public let body: [UInt8]
        /// `Cache-Control: max-age`, when the server sent one.
        public let maxAge: Int?
    }

    public var timeout: TimeInterval
    public var maximumBytes: Int

    public init(timeout: TimeInterval = 10, maximumBytes: Int = defaultMaximumBytes) {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    /// Whether a URL may be fetched: https anywhere, http only on a loopback address.
    public static func refusal(for url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            return "\(url.absoluteString) is not an absolute URL"
        }
        if scheme == "https" { return nil }
        if scheme == "http", isLoopback(host) { return nil }
        return "\(url.absoluteString) is not https (plain http is allowed only on loopback addresses)"
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    public func get(_ url: URL) throws(KeyLookupError) -> Response {
        if let refusal = Self.refusal(for: url) { throw KeyLookupError("refusing to fetch: \(refusal)") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let delegate = RedirectPolicy()
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let outcome = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            outcome.set(data: data, response: response, error: error)
            done.signal()
        }
        task.resume()
        done.wait()
        if let refused = delegate.refused { throw KeyLookupError("refusing redirect: \(refused)") }
        let (data, response, error) = outcome.get()
        if let error { throw KeyLookupError("could not fetch \(url.absoluteString): \(error.localizedDescription)") }
        guard let http = response as? HTTPURLResponse else { throw KeyLookupError("no HTTP response from \(url.absoluteString)") }
        guard http.statusCode == 200 else { throw KeyLookupError("HTTP \(http.statusCode) from \(url.absoluteString)") }
        let body = data ?? Data()
        guard body.count <= maximumBytes else {
            throw KeyLookupError(
                "response from \(url.absoluteString) is \(body.count) bytes, over the \(maximumBytes)-byte limit")
        }
        return Response(body: Array(body), maxAge: Self.maxAge(http.value(forHTTPHeaderField: "Cache-Control")))
    }

    static func maxAge(_ cacheControl: String?) -> Int? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.lowercased().split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.first == "no-store" || parts.first == "no-cache" { return 0 }
            if parts.count == 2, parts[0] == "max-age", let seconds = Int(parts[1]), seconds >= 0 { return seconds }
        }
        return nil
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, URLResponse?, Error?) = (nil, nil, nil)

    func set(data: Data?, response: URLResponse?, error: Error?) {
        lock.lock()
        value = (data, response, error)
        lock.unlock()
    }

    func get() -> (Data?, URLResponse?, Error?) {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

private final class RedirectPolicy: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var refusedURL: String?

    var refused: String? {
        lock.lock()
        defer { lock.unlock() }
        return refusedURL
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        if let url = request.url, let refusal = HTTPFetcher.refusal(for: url) {
            lock.lock()
            refusedURL = refusal
            lock.unlock()
            completionHandler(nil)
        } else {
            completionHandler(request)
        }
    }
}
