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
        case (.object(let a), .object(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
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
        if let value = Int64(text), abs(value) <= 1 << 53 { return value }
        if let value = Double(text), value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 {
            return Int64(value)
        }
        return nil
    }

    public var typeName: String {
        switch self {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    /// Compact JSON text.
    public var serialized: String {
        var output = ""
        serialize(into: &output, indent: nil, level: 0)
        return output
    }

    /// Indented JSON text for people.
    public func pretty(indent: String = "  ") -> String {
        var output = ""
        serialize(into: &output, indent: indent, level: 0)
        return output
    }

    private func serialize(into output: inout String, indent: String?, level: Int) {
        let newline = indent == nil ? "" : "\n"
        let pad = { (level: Int) in indent.map { String(repeating: $0, count: level) } ?? "" }
        switch self {
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{" + newline
            for (index, (key, value)) in members.enumerated() {
                output += pad(level + 1) + Self.quote(key) + (indent == nil ? ":" : ": ")
                value.serialize(into: &output, indent: indent, level: level + 1)
                output += (index < members.count - 1 ? "," : "") + newline
            }
            output += pad(level) + "}"
        case .array(let values):
            if values.isEmpty {
                output += "[]"
                return
            }
            output += "[" + newline
            for (index, value) in values.enumerated() {
                output += pad(level + 1)
                value.serialize(into: &output, indent: indent, level: level + 1)
                output += (index < values.count - 1 ? "," : "") + newline
            }
            output += pad(level) + "]"
        case .string(let value): output += Self.quote(value)
        case .number(let text): output += text
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    public static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
                output +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
