import Foundation

/// Fenced code block lines as CommonMark reads them, for the steps that go through a page's source line by line
/// (footnote definitions, includes in the published Markdown).
enum FencedCode {
    typealias Fence = (character: Character, length: Int)

    /// The fence a line opens (three or more backticks or tildes, up to three spaces in), or nil.
    static func opens(_ line: some StringProtocol) -> Fence? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count < 4, let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let length = trimmed.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        // A backtick fence's info string holds no backtick.
        if first == "`", trimmed.dropFirst(length).contains("`") { return nil }
        return (first, length)
    }

    /// Whether a line closes `fence`: as long a run of its character at least, and nothing after but spaces.
    static func closes(_ line: some StringProtocol, _ fence: Fence) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count < 4 else { return false }
        let length = trimmed.prefix { $0 == fence.character }.count
        return length >= fence.length && trimmed.dropFirst(length).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The info string of a fence's opening line.
    static func info(_ line: some StringProtocol, _ fence: Fence) -> String {
        String(line.drop { $0 == " " }.dropFirst(fence.length)).trimmingCharacters(in: .whitespaces)
    }
}
