import Foundation
import TestSupport

/// One HTTP/1.1 request to a port on 127.0.0.1, the answer read by its Content-Length or to the end of the
/// connection. Redirects are not followed. Tests talk to build-site serve, the local provider and chromedriver
/// this way (chromedriver writes `Content-Length:917` without a space, which FoundationNetworking refuses).
enum LoopbackHTTP {
    struct Timeout: Error {}

    struct Response: Sendable {
        var status: Int
        /// Lower-cased names.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func request(
        port: Int, method: String = "GET", path: String, headers: [String: String] = [:], body: Data = Data(),
        timeout: TimeInterval = 10, host: String? = nil
    ) throws -> Response {
        let client = try SocketClient(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        try client.send(head + "\r\n" + String(decoding: body, as: UTF8.self))
        let deadline = Date().addingTimeInterval(timeout)
        var received = Data()
        while true {
            if let end = received.range(of: Data("\r\n\r\n".utf8)) {
                let response = parse(
                    head: String(decoding: received[..<end.lowerBound], as: UTF8.self), body: received[end.upperBound...])
                if let length = response.headers["content-length"].flatMap(Int.init), response.body.count >= length {
                    return Response(status: response.status, headers: response.headers, body: response.body.prefix(length))
                }
            }
            guard let chunk = client.receive(timeout: deadline.timeIntervalSinceNow) else { break }
            received.append(chunk)
        }
        // The server closed the connection (or time ran out): what arrived is the answer, if it has a head.
        guard Date() < deadline, let end = received.range(of: Data("\r\n\r\n".utf8)) else { throw Timeout() }
        return parse(head: String(decoding: received[..<end.lowerBound], as: UTF8.self), body: received[end.upperBound...])
    }

    private static func parse(head: String, body: Data) -> Response {
        let lines = head.components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Response(status: status, headers: headers, body: Data(body))
    }
}
