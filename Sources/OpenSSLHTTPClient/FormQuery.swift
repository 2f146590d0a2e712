#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `name=value&…` parameters as browsers write them in a query or fragment (`URLSearchParams`, HTML forms):
/// `+` is a space, `%XX` a byte. The one decoder of such parameters, for the local provider's endpoints and
/// jwt-inspect's pasted redirect URLs.
package struct FormQuery: Sendable {
    private var values: [(String, String)] = []

    package init(_ query: (some StringProtocol)?) {
        guard let query else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    package subscript(name: String) -> String? {
        values.first { $0.0 == name }?.1
    }

    /// `+` as a space and `%XX` escapes decoded; a broken escape or bytes that are not UTF-8 stay as written.
    static func decode(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), input.count >= 2,
                let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                input = input.dropFirst(2)
            } else if byte == UInt8(ascii: "%") {
                return String(text)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? String(text)
    }

    /// `name=value&…` for a URL fragment or query, percent-encoded so that the values survive any character.
    package static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { name, value in "\(name)=\(escape(value))" }.joined(separator: "&")
    }

    private static func escape(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default: bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
