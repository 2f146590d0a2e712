/// HTML escaping for text and attribute values, the same for Markdown, highlighted code and the sitemap: `&`, `<`,
/// `>` and `"` as entities, as libcmark writes them (`'` stays: attributes here are always double-quoted).
/// Templates' data is escaped as swift-mustache escapes it, `'` too (an author's template may single-quote).
enum HTML {
    static func escape(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
        default: output.append(byte)
        }
    }

    static func escape(_ text: some StringProtocol, into output: inout [UInt8]) {
        // Runs without a byte to escape, most of any text, are appended whole.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var runStart = 0
            for index in bytes.indices where needsEscape(bytes[index]) {
                output.append(contentsOf: bytes[runStart..<index])
                escape(bytes[index], into: &output)
                runStart = index + 1
            }
            output.append(contentsOf: bytes[runStart...])
        }
        if done == nil {
            for byte in text.utf8 { escape(byte, into: &output) }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
    }

    static func escape(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        escape(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// As swift-mustache's HTML content type escapes (`&`, `<`, `>`, `"`, `'`), over bytes; text with nothing to
    /// escape, the common case, comes back as it is.
    static func escapeForTemplate(_ text: String) -> String {
        func needsEscape(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard text.utf8.contains(where: needsEscape) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "'") {
                output.append(contentsOf: "&#39;".utf8)
            } else {
                escape(byte, into: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
