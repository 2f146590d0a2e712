import Foundation

/// Pages built to be slow, in the classes libcmark keeps in `test/pathological_tests.py` and the ones GitHub's
/// extensions add (autolinks, tables and footnotes that reparse text). Each makes a page of about `size` bytes; a
/// build must take time in proportion to it.
public enum PathologicalMarkdown {
    public struct Case: Sendable {
        public let name: String
        /// A page of about `size` bytes.
        public let make: @Sendable (_ size: Int) -> String
    }

    /// `piece` repeated to about `size` bytes.
    static func repeated(_ piece: String, _ size: Int, prefix: String = "", suffix: String = "") -> String {
        prefix + String(repeating: piece, count: max(1, size / max(1, piece.utf8.count))) + suffix
    }

    public static let cases: [Case] = [
        // libcmark's classes.
        Case(name: "nested strong emph") { size in
            let n = size / 16
            return String(repeating: "*a **a ", count: n) + "b" + String(repeating: " a** a*", count: n)
        },
        Case(name: "many emph closers with no openers") { repeated("a_ ", $0) },
        Case(name: "many emph openers with no closers") { repeated("_a ", $0) },
        Case(name: "many link closers with no openers") { repeated("a]", $0) },
        Case(name: "many link openers with no closers") { repeated("[a", $0) },
        Case(name: "mismatched openers and closers") { repeated("*a_ ", $0) },
        Case(name: "openers and closers multiple of 3") { repeated("c* ", $0, prefix: "a**b") },
        Case(name: "link openers and emph closers") { repeated("[ a_", $0) },
        Case(name: "pattern [ (]( repeated") { repeated("[ (](", $0) },
        Case(name: "pattern ![[]() repeated") { repeated("![[]()", $0) },
        Case(name: "nested brackets") { size in
            String(repeating: "[", count: size / 2) + "a" + String(repeating: "]", count: size / 2)
        },
        Case(name: "nested block quotes") { size in String(repeating: "> ", count: size / 2) + "a" },
        Case(name: "deeply nested lists") { size in
            var text = ""
            var depth = 0
            while text.utf8.count < size {
                text += String(repeating: "  ", count: depth % 400) + "* a\n"
                depth += 1
            }
            return text
        },
        Case(name: "U+0000 in input") { repeated("abc\u{0}de\u{0}", $0) },
        Case(name: "backticks") { size in
            var text = ""
            var count = 1
            while text.utf8.count < size {
                text += "e" + String(repeating: "`", count: count % 2000)
                count += 1
            }
            return text
        },
        Case(name: "unclosed links A") { repeated("[a](<b", $0) },
        Case(name: "unclosed links B") { repeated("[a](b", $0) },
        Case(name: "unclosed <!--") { repeated("<!--", $0, prefix: "</") },
        Case(name: "many references") { size in
            let n = size / 12
            return (0..<n).map { "[\($0)]: u\n" }.joined() + String(repeating: "[0] ", count: n)
        },
        // GitHub's extensions.
        Case(name: "autolink followed by closing parentheses") { repeated(")", $0, prefix: "http://a.b") },
        Case(name: "e-mail autolink @ run") { repeated("a@", $0) },
        Case(name: "www autolink underscores") { repeated("www._", $0) },
        Case(name: "e-mail dots") { repeated("a.b@c.", $0) },
        Case(name: "tables with reference links") { size in
            let n = size / 48
            return (0..<n).map { "| [a][r\($0)] |\n|---|\n| x |\n\n" }.joined() + (0..<n).map { "[r\($0)]: /u\($0)\n" }.joined()
        },
        Case(name: "footnotes with reference links") { size in
            let n = size / 40
            return (0..<n).map { "Note[^\($0)].\n\n[^\($0)]: See [a][r\($0)].\n\n" }.joined()
                + (0..<n).map { "[r\($0)]: /u\($0)\n" }.joined()
        },
        Case(name: "many small tables") { repeated("| a | b |\n|---|---|\n| 1 | 2 |\n\n", $0) },
        Case(name: "one wide table") { size in
            let columns = size / 8
            return String(repeating: "| a ", count: columns) + "|\n" + String(repeating: "|---", count: columns) + "|\n"
                + String(repeating: "| b ", count: columns) + "|\n"
        },
        Case(name: "strikethrough openers") { repeated("~~a ", $0) },
        Case(name: "footnote references") { repeated("[^a] ", $0, suffix: "\n\n[^a]: Note.\n") },
        Case(name: "paragraph lines that may be delimiter rows") { repeated("a\n|-|\n", $0) },
        Case(name: "many links on one line") { size in
            (0..<(size / 12)).map { "[a](u\($0)) " }.joined()
        },
        Case(name: "many reference links in one paragraph") { size in
            let n = size / 24
            return (0..<n).map { "[a][r\($0)]\n" }.joined() + "\n" + (0..<n).map { "[r\($0)]: /u\($0)\n" }.joined()
        },
        Case(name: "strikethrough closers of another length") { size in
            String(repeating: "~~a ", count: size / 8) + String(repeating: "a~ ", count: size / 8)
        },
        Case(name: "unmatched tildes between words") { repeated("a~~~b ", $0) },
        // Broken links are reported with hints: each must cost the same, however many there are.
        Case(name: "many headings and broken fragment links") { size in
            (0..<(size / 40)).map { "## Part \($0)\n[x](#Part-\($0)-gone)\n" }.joined()
        },
        Case(name: "many broken reference links") { size in
            let n = size / 30
            return (0..<n).map { "[a][r\($0)] " }.joined() + "\n\n" + (0..<n).map { "[r\($0)]: gone\($0).md\n" }.joined()
        },
    ]
}

/// CPU seconds this thread spends in `body`: another process's load does not count.
public func threadCPUSeconds(_ body: () -> Void) -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}
