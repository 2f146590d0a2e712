/// A JSON parser (RFC 8259) that refuses what a token must not carry: duplicate member names (RFC 7515 §5.2),
/// nesting deeper than `maxDepth`, numbers longer than `maxNumberLength`, invalid UTF-8 and lone surrogates.
package enum StrictJSON {
    package static let maxDepth = 32
    package static let maxNumberLength = 40

    package struct ParseError: Error, Equatable, CustomStringConvertible {
        package let message: String
        package let offset: Int
        package var description: String { "\(message) at byte \(offset)" }
    }

    /// - Parameter maxDepth: the deepest nesting allowed; tokens get `StrictJSON.maxDepth`.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = maxDepth) throws(ParseError) -> JSONValue {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else {
            throw ParseError(message: "unexpected text after the JSON value", offset: parser.offset)
        }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var offset = 0

        func fail(_ message: String) -> ParseError { ParseError(message: message, offset: offset) }

        mutating func skipWhitespace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONValue {
            guard offset < bytes.count else { throw fail("unexpected end of JSON") }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw fail("unexpected character in JSON")
            }
        }

        mutating func literal(_ word: String) throws(ParseError) {
            let expected = Array(word.utf8)
            guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected else {
                throw fail("invalid literal in JSON")
            }
            offset += expected.count
        }

        mutating func object(depth: Int) throws(ParseError) -> JSONValue {
            guard depth <= maxDepth else { throw fail("JSON nested deeper than \(maxDepth) levels") }
            offset += 1
            var members: [(String, JSONValue)] = []
            // Claims objects are small: scanning the names so far is cheaper than hashing, up to a point.
            var names: Set<String>? = nil
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let nameOffset = offset
                let name = try string()
                let duplicate: Bool
                if members.count < 16 {
                    duplicate = members.contains { $0.0 == name }
                } else {
                    if names == nil { names = Set(members.map(\.0)) }
                    duplicate = !names!.insert(name).inserted
                }
                guard !duplicate else {
                    throw ParseError(message: "duplicate member name \(JSONValue.quote(name))", offset: nameOffset)
                }
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw fail("expected `:`") }
                offset += 1
                skipWhitespace()
                members.append((name, try value(depth: depth)))
                skipWhitespace()
                guard offset < bytes.count else { throw fail("unexpected end of JSON") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                if bytes[offset] == UInt8(ascii: "}") {
                    offset += 1
                    return .object(members)
                }
                throw fail("expected `,` or `}`")
            }
        }

        mutating func array(depth: Int) throws(ParseError) -> JSONValue {
            guard depth <= maxDepth else { throw fail("JSON nested deeper than \(maxDepth) levels") }
            offset += 1
            var values: [JSONValue] = []
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(values)
            }
            while true {
                skipWhitespace()
                values.append(try value(depth: depth))
                skipWhitespace()
                guard offset < bytes.count else { throw fail("unexpected end of JSON") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                if bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                    return .array(values)
                }
                throw fail("expected `,` or `]`")
            }
        }

        mutating func number() throws(ParseError) -> String {
            let start = offset
            if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("invalid number") }
            if bytes[offset] == UInt8(ascii: "0") {
                offset += 1
                if offset < bytes.count, isDigit(bytes[offset]) { throw fail("number with a leading zero") }
            } else {
                while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            }
            if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
                offset += 1
                guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("invalid number") }
                while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            }
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
                offset += 1
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
                guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("invalid number") }
                while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            }
            guard offset - start <= StrictJSON.maxNumberLength else {
                throw ParseError(message: "number longer than \(StrictJSON.maxNumberLength) characters", offset: start)
            }
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func string() throws(ParseError) -> String {
            offset += 1
            let start = offset
            // Fast path: no escapes. ASCII needs no validation; anything else is validated as UTF-8 once, when the
            // String is made.
            var ascii = true
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let text: String
                    if ascii {
                        text = String(decoding: bytes[start..<offset], as: UTF8.self)
                    } else {
                        guard let valid = String(validating: bytes[start..<offset], as: UTF8.self) else {
                            throw ParseError(message: "invalid UTF-8 in a JSON string", offset: start)
                        }
                        text = valid
                    }
                    offset += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail("control character in a JSON string") }
                if byte >= 0x80 { ascii = false }
                offset += 1
            }
            var decoded = Array(bytes[start..<offset])
            while true {
                guard offset < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    offset += 1
                    guard let text = String(validating: decoded, as: UTF8.self) else {
                        throw ParseError(message: "invalid UTF-8 in a JSON string", offset: start)
                    }
                    return text
                }
                if byte < 0x20 { throw fail("control character in a JSON string") }
                guard byte == UInt8(ascii: "\\") else {
                    decoded.append(byte)
                    offset += 1
                    continue
                }
                offset += 1
                guard offset < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                            bytes[offset + 1] == UInt8(ascii: "u")
                        else {
                            throw fail("lone surrogate in a JSON string")
                        }
                        offset += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate in a JSON string") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw fail("lone surrogate in a JSON string")
                    }
                    decoded.append(contentsOf: Array(String(Unicode.Scalar(code)!).utf8))
                default: throw fail("invalid escape in a JSON string")
                }
            }
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw fail("invalid \\u escape") }
            var value: UInt32 = 0
            for byte in bytes[offset..<offset + 4] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail("invalid \\u escape")
                }
                value = value << 4 | digit
            }
            offset += 4
            return value
        }
    }
}
