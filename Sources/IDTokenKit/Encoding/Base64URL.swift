#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Strict base64url (RFC 7515 §2): no padding, no whitespace, only `A–Z a–z 0–9 - _`, and unused trailing
/// bits zero, so every value has exactly one encoding.
public enum Base64URL {
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case padding
        case illegalCharacter(Character, offset: Int)
        case impossibleLength
        case nonCanonicalTrailingBits

        public var description: String {
            switch self {
            case .padding: return "contains `=` padding, which base64url in JWTs leaves out"
            case .illegalCharacter(let character, let offset):
                return "has an illegal character \(character.debugDescription) at offset \(offset)"
            case .impossibleLength: return "has a length no base64url text can have"
            case .nonCanonicalTrailingBits: return "has non-zero unused bits in its last character (not canonical)"
            }
        }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func decode(_ text: some StringProtocol) throws(DecodingError) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    public static func decode(bytes: ArraySlice<UInt8>) throws(DecodingError) -> [UInt8] {
        try decode(bytes: Array(bytes))
    }

    public static func decode(bytes: [UInt8]) throws(DecodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var badOffset: Int? = nil
        Self.values.withUnsafeBufferPointer { values in
            for offset in bytes.indices {
                let value = values[Int(bytes[offset])]
                if value == 0xFF {
                    badOffset = offset
                    return
                }
                buffer = (buffer << 6) | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                    buffer &= (1 << UInt32(bits)) - 1
                }
            }
        }
        if let offset = badOffset {
            if bytes[offset] == UInt8(ascii: "=") { throw .padding }
            throw .illegalCharacter(Character(Unicode.Scalar(bytes[offset])), offset: offset)
        }
        if bytes.count % 4 == 1 { throw .impossibleLength }
        if buffer != 0 { throw .nonCanonicalTrailingBits }
        return output
    }

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 0x3F)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(6 - bits)) & 0x3F)]) }
        return String(decoding: output, as: UTF8.self)
    }
}
