#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The HTTPS proxy from the environment, as curl reads it: `https_proxy` (or `HTTPS_PROXY`) as
/// `http://[user:password@]host[:port]`, and `no_proxy` (or `NO_PROXY`): `*`, or host names and domains
/// (`example.com` also covers `api.example.com`) that are reached directly. HTTPS goes through the proxy in a
/// CONNECT tunnel, so the proxy sees the host name but not the exchange, and the certificate is still checked.
public struct ProxySettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `user:password`, sent as Basic proxy authorization.
    public var credentials: String?
    public var exceptions: [String]

    public init?(environment: [String: String]) {
        guard let value = environment["https_proxy"] ?? environment["HTTPS_PROXY"], !value.isEmpty else { return nil }
        let withScheme = value.contains("://") ? value : "http://" + value
        guard let url = URL(string: withScheme), url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            return nil
        }
        self.host = host
        port = url.port ?? 1080
        credentials = url.user.map { user in url.password.map { "\(user):\($0)" } ?? user }
        exceptions = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",").map {
            $0.trimmingWhitespace().lowercased()
        }.filter { !$0.isEmpty }
    }

    /// Whether `host` is reached through the proxy.
    public func applies(to host: String) -> Bool {
        let host = host.lowercased()
        return !exceptions.contains { exception in
            if exception == "*" { return true }
            let domain = exception.hasPrefix(".") ? String(exception.dropFirst()) : exception
            return host == domain || host.hasSuffix("." + domain)
        }
    }

    /// Opens a tunnel to `host:port` through the proxy on `connection`.
    func tunnel(_ connection: TCPConnection, to host: String, port: Int, by deadline: Deadline) throws(TransportError) {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
        if let credentials {
            request += "Proxy-Authorization: Basic \(Data(credentials.utf8).base64EncodedString())\r\n"
        }
        try connection.write(Array((request + "\r\n").utf8), by: deadline)
        // The proxy sends nothing after its answer until the TLS handshake starts, so nothing is read ahead.
        var reader = BufferedReader(stream: connection, deadline: deadline)
        let head = try reader.readHead(limit: HTTPExchange.maximumHeaderBytes)
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
        guard status == 200 else {
            throw TransportError("the proxy \(self.host):\(self.port) refused the tunnel: \(head.prefix { $0 != "\r" })")
        }
    }
}
