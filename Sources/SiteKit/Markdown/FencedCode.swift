/// Fenced code block lines as CommonMark reads them, for the steps that go through a page's source line by line
/// (footnote definitions, includes in the published Markdown). On UTF-8 bytes: these run over every line of every
/// page, twice per build.
enum FencedCode {
    struct Fence {
        var character: UInt8
        var length: Int
    }

    /// The fence a line opens (three or more backticks or tildes, up to three spaces in), or nil.
    static func opens(_ line: some Collection<UInt8>) -> Fence? {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let length = rest.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        // A backtick fence's info string holds no backtick.
        if first == UInt8(ascii: "`"), rest.dropFirst(length).contains(first) { return nil }
        return Fence(character: first, length: length)
    }

    /// Whether a line closes `fence`: as long a run of its character at least, and nothing after but spaces.
    static func closes(_ line: some Collection<UInt8>, _ fence: Fence) -> Bool {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent < 4 else { return false }
        let rest = line.dropFirst(indent)
        let length = rest.prefix { $0 == fence.character }.count
        return length >= fence.length && rest.dropFirst(length).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// The info string of a fence's opening line.
    static func info(_ line: some Collection<UInt8>, _ fence: Fence) -> String {
        let rest = line.drop { $0 == 0x20 }.dropFirst(fence.length)
        return String(decoding: SourceLines.trimmingSpaces(ArraySlice(rest)), as: UTF8.self)
    }
}
