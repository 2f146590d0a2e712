#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Strict base64url (RFC 7515 §2): no padding, no whitespace, only `A–Z a–z 0–9 - _`, and unused trailing
/// bits zero, so every value has exactly one encoding.
package enum Base64URL {
    package enum DecodingError: Error, Equatable, CustomStringConvertible {
        case padding
        case illegalCharacter(Character, offset: Int)
        case impossibleLength
        case nonCanonicalTrailingBits

        package var description: String {
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

    package static func decode(_ text: some StringProtocol) throws(DecodingError) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    package static func decode(bytes: ArraySlice<UInt8>) throws(DecodingError) -> [UInt8] {
        let decoded = bytes.withUnsafeBufferPointer { decode($0) }
        return try decoded.get()
    }

    package static func decode(bytes: [UInt8]) throws(DecodingError) -> [UInt8] {
        let decoded = bytes.withUnsafeBufferPointer { decode($0) }
        return try decoded.get()
    }

    /// Offsets in errors count from the start of `bytes`. Writes into the result's storage directly: this runs
    /// three times for every token a server checks.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], DecodingError> {
        var badOffset: Int? = nil
        var leftover: UInt32 = 0
        let output = [UInt8](unsafeUninitializedCapacity: bytes.count * 3 / 4) { output, written in
            Self.values.withUnsafeBufferPointer { values in
                // Whole groups of four characters make three bytes; a group with anything outside the alphabet
                // (its value has the high bits set) and the last, partial group go through the loop below.
                var start = 0
                while start + 4 <= bytes.count {
                    let a = values[Int(bytes[start])]
                    let b = values[Int(bytes[start + 1])]
                    let c = values[Int(bytes[start + 2])]
                    let d = values[Int(bytes[start + 3])]
                    if (a | b | c | d) & 0xC0 != 0 { break }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output[written] = UInt8(truncatingIfNeeded: group >> 16)
                    output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                    output[written + 2] = UInt8(truncatingIfNeeded: group)
                    written += 3
                    start += 4
                }
                var buffer: UInt32 = 0
                var bits = 0
                for offset in start..<bytes.count {
                    let value = values[Int(bytes[offset])]
                    if value == 0xFF {
                        badOffset = offset
                        return
                    }
                    buffer = (buffer << 6) | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[written] = UInt8(truncatingIfNeeded: buffer >> UInt32(bits))
                        written += 1
                        buffer &= (1 << UInt32(bits)) - 1
                    }
                }
                leftover = buffer
            }
        }
        if let offset = badOffset {
            if bytes[offset] == UInt8(ascii: "=") { return .failure(.padding) }
            return .failure(.illegalCharacter(Character(Unicode.Scalar(bytes[offset])), offset: offset))
        }
        if bytes.count % 4 == 1 { return .failure(.impossibleLength) }
        if leftover != 0 { return .failure(.nonCanonicalTrailingBits) }
        return .success(output)
    }

    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
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
