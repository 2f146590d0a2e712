/// HTML escaping for text and attribute values, the same for Markdown, highlighted code, templates' data and the
/// sitemap: `&`, `<`, `>` and `"` as entities, as libcmark writes them (`'` stays: attributes here are always
/// double-quoted).
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
        for byte in text.utf8 { escape(byte, into: &output) }
    }

    static func escape(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        escape(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
