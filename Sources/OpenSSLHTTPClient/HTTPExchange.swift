#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One HTTP/1.1 GET over a fresh connection (`Connection: close`), read with a byte cap: headers up to 64 KiB,
/// the body up to the caller's limit, by Content-Length, chunked transfer coding, or to the end of the stream.
struct HTTPExchange {
    struct Reply {
        var status: Int
        /// Lower-cased names.
        var headers: [String: String]
        var body: [UInt8]
    }

    static let maximumHeaderBytes = 64 * 1024

    let maximumBodyBytes: Int
    let proxy: ProxySettings?
    var userAgent = "OpenSSLHTTPClient"
    /// A PEM file of certificates to trust instead of the system's roots.
    var trustedCertificateFile: String? = nil

    func get(_ url: URL, by deadline: Deadline) throws(TransportError) -> Reply {
        guard let scheme = url.scheme?.lowercased(), let rawHost = url.host, !rawHost.isEmpty else {
            throw TransportError("not an absolute URL")
        }
        let host = rawHost.trimming { $0 == "[" || $0 == "]" }
        let secure = scheme == "https"
        let defaultPort = secure ? 443 : 80
        let port = url.port ?? defaultPort
        let tcp: TCPConnection
        if secure, let proxy, proxy.applies(to: host) {
            tcp = try TCPConnection(host: proxy.host, port: proxy.port, by: deadline)
            try proxy.tunnel(tcp, to: host, port: port, by: deadline)
        } else {
            tcp = try TCPConnection(host: host, port: port, by: deadline)
        }
        let stream: ByteStream =
            secure ? try TLSConnection(over: tcp, host: host, trusting: trustedCertificateFile, by: deadline) : tcp
        // The path as it was encoded: decoding it would let `%0D%0A` put a second line on the wire.
        let encodedPath = url.path(percentEncoded: true)
        var target = encodedPath.isEmpty ? "/" : encodedPath
        if let query = url.query(percentEncoded: true) { target += "?" + query }
        guard HTTPFetcher.isPrintableASCII(target), HTTPFetcher.isPrintableASCII(host) else {
            throw TransportError("the URL has spaces or control characters")
        }
        let hostField = host.contains(":") ? "[\(host)]" : host
        let request =
            "GET \(target) HTTP/1.1\r\nHost: \(hostField)\(port == defaultPort ? "" : ":\(port)")\r\nAccept: */*\r\n"
            + "Accept-Encoding: identity\r\nUser-Agent: \(userAgent)\r\nConnection: close\r\n\r\n"
        try stream.write(Array(request.utf8), by: deadline)
        var reader = BufferedReader(stream: stream, deadline: deadline)
        return try readReply(&reader)
    }

    func readReply(_ reader: inout BufferedReader) throws(TransportError) -> Reply {
        let head = try reader.readHead(limit: Self.maximumHeaderBytes)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw TransportError("not an HTTP/1.x response", kind: .badResponse)
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw TransportError("malformed header line", kind: .badResponse) }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        let body: [UInt8]
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try readChunked(&reader)
        } else if let lengthField = headers["content-length"] {
            guard lengthField.utf8.allSatisfy({ $0.isDecimalDigit }), let length = Int(lengthField) else {
                throw TransportError("bad Content-Length", kind: .badResponse)
            }
            guard length <= maximumBodyBytes else { throw tooLarge(length) }
            body = try reader.read(exactly: length)
        } else {
            guard let all = try reader.readToEnd(limit: maximumBodyBytes) else { throw tooLarge(nil) }
            body = all
        }
        return Reply(status: status, headers: headers, body: body)
    }

    private func readChunked(_ reader: inout BufferedReader) throws(TransportError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try reader.readLine(limit: 1024)
            let sizeText = sizeLine.split(separator: ";", omittingEmptySubsequences: false)[0].trimmingWhitespace()
            // Hex digits only (`Int(_:radix:)` would take a sign), and few enough that the size fits.
            guard (1...15).contains(sizeText.utf8.count), sizeText.utf8.allSatisfy({ $0.isHexDigit }),
                let size = Int(sizeText, radix: 16)
            else { throw TransportError("bad chunk size", kind: .badResponse) }
            if size == 0 {
                // Trailer fields, up to the empty line.
                while try !reader.readLine(limit: Self.maximumHeaderBytes).isEmpty {}
                return body
            }
            guard size <= maximumBodyBytes - body.count else { throw tooLarge(nil) }
            body += try reader.read(exactly: size)
            guard try reader.readLine(limit: 2).isEmpty else { throw TransportError("bad chunk ending", kind: .badResponse) }
        }
    }

    private func tooLarge(_ length: Int?) -> TransportError {
        TransportError(
            "the response is \(length.map { "\($0) bytes" } ?? "longer than that"), over the \(maximumBodyBytes)-byte limit",
            kind: .tooLarge)
    }
}

/// Reads lines and exact byte counts from a stream, keeping what was read ahead.
struct BufferedReader {
    let stream: ByteStream
    let deadline: Deadline
    private var buffer: [UInt8] = []
    private var start = 0

    init(stream: ByteStream, deadline: Deadline) {
        self.stream = stream
        self.deadline = deadline
    }

    /// Reads more; false at the end of the stream. What was consumed is dropped only once it is large, so that
    /// many small reads do not shift the buffer each time.
    private mutating func fill() throws(TransportError) -> Bool {
        if start > 64 * 1024 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        let more = try stream.read(upTo: 16 * 1024, by: deadline)
        buffer += more
        return !more.isEmpty
    }

    /// Where `pattern` starts, looking from `from` on, or nil.
    private func find(_ pattern: [UInt8], from: Int) -> Int? {
        guard let first = pattern.first, buffer.count - from >= pattern.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            var index = from
            while index + pattern.count <= bytes.count {
                if bytes[index] == first, pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) { return index }
                index += 1
            }
            return nil
        }
    }

    /// The status line and headers, without the blank line that ends them.
    mutating func readHead(limit: Int) throws(TransportError) -> String {
        try readUntil([13, 10, 13, 10], limit: limit, what: "response headers")
    }

    mutating func readLine(limit: Int) throws(TransportError) -> String {
        try readUntil([13, 10], limit: limit, what: "line")
    }

    private mutating func readUntil(_ terminator: [UInt8], limit: Int, what: String) throws(TransportError) -> String {
        // How far past `start` has been searched already: each byte is looked at about once.
        var searched = 0
        while true {
            if let end = find(terminator, from: start + searched) {
                let text = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + terminator.count
                return text
            }
            searched = max(0, buffer.count - start - (terminator.count - 1))
            guard buffer.count - start <= limit else { throw TransportError("\(what) over \(limit) bytes", kind: .badResponse) }
            guard try fill() else { throw TransportError("the connection closed in the middle of the \(what)") }
        }
    }

    mutating func read(exactly count: Int) throws(TransportError) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { throw TransportError("the connection closed before the whole body arrived") }
        }
        let bytes = Array(buffer[start..<start + count])
        start += count
        return bytes
    }

    /// Everything until the peer closes, or nil past `limit` bytes.
    mutating func readToEnd(limit: Int) throws(TransportError) -> [UInt8]? {
        while try fill() {
            if buffer.count - start > limit { return nil }
        }
        return Array(buffer[start...])
    }
}

extension UInt8 {
    var isDecimalDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    var isHexDigit: Bool {
        isDecimalDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20)
    }
}

/// A reply parsed from bytes in memory, handed to the reader a few at a time so that lines and chunks straddle
/// its refills: how the fuzz harness drives the same code a fetch runs.
package enum HTTPReplyParsing {
    package static func parse(_ bytes: [UInt8], maximumBodyBytes: Int) -> (headers: [String: String], body: [UInt8])? {
        var reader = BufferedReader(stream: MemoryStream(bytes), deadline: Deadline(secondsFromNow: 5))
        guard let reply = try? HTTPExchange(maximumBodyBytes: maximumBodyBytes, proxy: nil).readReply(&reader) else {
            return nil
        }
        return (reply.headers, reply.body)
    }

    private final class MemoryStream: ByteStream {
        private var remaining: ArraySlice<UInt8>

        init(_ bytes: [UInt8]) { remaining = bytes[...] }

        func write(_ bytes: [UInt8], by deadline: Deadline) throws(TransportError) {}

        func read(upTo count: Int, by deadline: Deadline) throws(TransportError) -> [UInt8] {
            let piece = remaining.prefix(min(count, 7))
            remaining = remaining.dropFirst(piece.count)
            return Array(piece)
        }
    }
}
