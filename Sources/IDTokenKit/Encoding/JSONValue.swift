/// A JSON value as parsed by `StrictJSON`: objects keep member order, numbers keep their text.
public enum JSONValue: Equatable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0.hasSameBytes(as: $1.0) && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a.hasSameBytes(as: b)
        case (.number(let a), .number(let b)): return a.hasSameBytes(as: b)
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0.hasSameBytes(as: key) }?.1
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var members: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// An integer that JSON numbers and IEEE doubles both hold exactly (|n| ≤ 2^53), as NumericDate needs.
    public var exactInteger: Int64? {
        guard case .number(let text) = self else { return nil }
        if let value = Int64(text) { return value.magnitude <= 1 << 53 ? value : nil }
        if let value = Double(text), value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 {
            return Int64(value)
        }
        return nil
    }

    package var typeName: String {
        switch self {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    /// Appends compact JSON text to `output`, for writers that build a byte buffer.
    package func write(into output: inout [UInt8]) {
        serialize(into: &output, indent: nil, level: 0)
    }

    /// Compact JSON text.
    public var serialized: String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        serialize(into: &output, indent: nil, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Indented JSON text for people (jwt-inspect's report).
    package func pretty(indent: String = "  ") -> String {
        var output: [UInt8] = []
        serialize(into: &output, indent: Array(indent.utf8), level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private static func newline(_ output: inout [UInt8], _ indent: [UInt8]?, _ level: Int) {
        guard let indent else { return }
        output.append(0x0A)
        for _ in 0..<level { output.append(contentsOf: indent) }
    }

    private func serialize(into output: inout [UInt8], indent: [UInt8]?, level: Int) {
        switch self {
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, indent, level + 1)
                Self.quote(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(0x20) }
                value.serialize(into: &output, indent: indent, level: level + 1)
            }
            if !members.isEmpty { Self.newline(&output, indent, level) }
            output.append(UInt8(ascii: "}"))
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, indent, level + 1)
                value.serialize(into: &output, indent: indent, level: level + 1)
            }
            if !values.isEmpty { Self.newline(&output, indent, level) }
            output.append(UInt8(ascii: "]"))
        case .string(let value): Self.quote(value, into: &output)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        }
    }

    /// `text` as a JSON string, escaped for a terminal too, appended to `output`.
    package static func quote(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole. Non-ASCII text is looked at scalar by scalar below.
        let needsEscape = { (byte: UInt8) in byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F }
        let escaping =
            text.utf8.withContiguousStorageIfAvailable { $0.contains(where: needsEscape) }
            ?? text.utf8.contains(where: needsEscape)
        if !escaping {
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            // Valid in JSON, but escaped so that a report shown on a terminal cannot drive it.
            case _ where scalar.drivesDisplay:
                let value = Int(scalar.value)
                output.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                for shift in [12, 8, 4, 0] { output.append(hex[(value >> shift) & 0xF]) }
            default: UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    package static func quote(_ text: String) -> String {
        var output: [UInt8] = []
        quote(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

/// Literals, for claims in tests and code: `["sub": "user-1", "exp": 1_800_000_000, "email_verified": true]`.
/// A dictionary literal keeps its order, as JSON objects here do.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .number(String(value)) }
    public init(floatLiteral value: Double) { self = .number(value.isFinite ? "\(value)" : "null") }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }

    /// A whole number, such as a NumericDate (`exp`, `iat`).
    public static func integer(_ value: Int64) -> JSONValue { .number(String(value)) }
}
