import IDTokenKit
import OpenSSLHTTPClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Finds the token in what a user pasted: the bare token, `Bearer <token>`, the redirect URL with
/// `#id_token=…`, or the demo's user JSON with an `id_token` member.
package enum TokenInput {
    package struct Unrecognized: Error, CustomStringConvertible, Sendable {
        package let message: String
        package var description: String { message }
    }

    package static func extract(_ text: String) throws(Unrecognized) -> String {
        // The common case, a bare token, is recognized byte by byte (batches call this for every line).
        if let token = bareToken(text) { return token }
        let trimmed = String(trimmed(text))
        guard !trimmed.isEmpty else { throw Unrecognized(message: "no token given (the input is empty)") }
        if trimmed.utf8.count > CompactToken.maximumLength * 2 {
            throw Unrecognized(
                message: "the input is \(trimmed.utf8.count) bytes, far over the \(CompactToken.maximumLength)-byte token limit")
        }
        if trimmed.lowercased().hasPrefix("bearer ") {
            return String(Self.trimmed(trimmed.dropFirst("bearer ".count)))
        }
        if trimmed.hasPrefix("{") {
            guard let json = try? StrictJSON.parse(Array(trimmed.utf8)), let token = json["id_token"]?.string else {
                throw Unrecognized(
                    message:
                        "the JSON input has no \"id_token\" string member (paste the demo's user object, or the token itself)")
            }
            return token
        }
        if trimmed.contains("://") || trimmed.hasPrefix("#") || trimmed.hasPrefix("?") {
            if let token = parameter("id_token", in: trimmed) { return token }
            throw Unrecognized(message: "the URL has no id_token parameter in its #fragment or ?query")
        }
        if trimmed.contains("."), trimmed.utf8.allSatisfy({ $0 == UInt8(ascii: "=") || tokenBytes[Int($0)] }) { return trimmed }
        throw Unrecognized(
            message:
                "this is not a token: expected a JWT (header.payload.signature), a URL with #id_token=…, the demo's user JSON, or `Bearer <token>`"
        )
    }

    /// Without white space (Unicode's, as pasted text may carry) at either end.
    private static func trimmed<Text: StringProtocol>(_ text: Text) -> Text.SubSequence {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return text[start..<end]
    }

    private static let tokenBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// The text without surrounding ASCII whitespace when it is only token characters with a dot, else nil.
    private static func bareToken(_ text: String) -> String? {
        var text = text
        // Scanned as a UTF-8 buffer: a batch passes every line through here.
        let span = text.withUTF8 { bytes -> Range<Int>? in
            var start = 0
            var end = bytes.count
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            var sawDot = false
            let accepted = tokenBytes.withUnsafeBufferPointer { table in
                for index in start..<end {
                    let byte = bytes[index]
                    guard table[Int(byte)] else { return false }
                    if byte == UInt8(ascii: ".") { sawDot = true }
                }
                return true
            }
            return accepted && sawDot && start < end ? start..<end : nil
        }
        guard let span else { return nil }
        if span == 0..<text.utf8.count { return text }
        return text.withUTF8 { String(decoding: $0[span], as: UTF8.self) }
    }

    /// The parameter from the URL's fragment, else its query.
    private static func parameter(_ name: String, in url: String) -> String? {
        let fragment = url.firstIndex(of: "#").map { url[url.index(after: $0)...] }
        let beforeFragment = url[..<(url.firstIndex(of: "#") ?? url.endIndex)]
        let query = beforeFragment.firstIndex(of: "?").map { beforeFragment[beforeFragment.index(after: $0)...] }
        return FormQuery(fragment)[name] ?? FormQuery(query)[name]
    }
}
