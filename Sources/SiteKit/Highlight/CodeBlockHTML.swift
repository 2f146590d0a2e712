/// A fenced code block's info string: the language first, then attributes, `name=value` or `name="value with
/// spaces"`: `file=` and `region=` (an include), `title=` (shown above the code), `mark=` (lines to highlight).
struct CodeBlockInfo: Equatable {
    var language: String?
    var attributes: [(name: String, value: String)]

    init(_ info: String) {
        var words = Self.words(info)[...]
        language = words.first.flatMap { $0.contains("=") ? nil : String($0) }
        if language != nil { words = words.dropFirst() }
        attributes = words.map { word in
            guard let equals = word.firstIndex(of: "=") else { return (String(word), "") }
            var value = word[word.index(after: equals)...]
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            return (String(word[..<equals]), String(value))
        }
    }

    static func == (lhs: CodeBlockInfo, rhs: CodeBlockInfo) -> Bool {
        lhs.language == rhs.language && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    subscript(name: String) -> String? { attributes.first { $0.name == name }?.value }

    mutating func remove(_ name: String) { attributes.removeAll { $0.name == name } }

    mutating func set(_ name: String, _ value: String) {
        remove(name)
        attributes.append((name, value))
    }

    /// Written back as an info string, values with spaces quoted.
    var text: String {
        ([language].compactMap { $0 }
            + attributes.map {
                $0.value.isEmpty ? $0.name : $0.value.contains(" ") ? "\($0.name)=\"\($0.value)\"" : "\($0.name)=\($0.value)"
            })
            .joined(separator: " ")
    }

    /// Words split at spaces, except inside double quotes (by bytes: every code block's info string is read).
    private static func words(_ info: String) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        var quoted = false
        let utf8 = info.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: " ") && !quoted {
                if let wordStart = start { words.append(info[wordStart..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        if let wordStart = start { words.append(info[wordStart...]) }
        return words
    }
}

/// A code block as the site shows it: a figure with the title (when there is one) above the code, highlighted at
/// build time, marked lines in `<mark>`. The theme's script adds a Copy button to each figure; without it the code
/// reads the same. Carriage returns are written as `&#13;` so that the page's text, and so a copy, keeps the file's
/// own line endings (an HTML parser turns a literal CR LF into LF).
package enum CodeBlockHTML {
    package struct BadMarks: Error {
        package let message: String
    }

    package static func render(_ block: CodeBlock) throws(BadMarks) -> String {
        let info = CodeBlockInfo(block.info)
        let language = info.language ?? ""
        var body = SyntaxHighlighter.html(block.code, language: language) ?? HTML.escape(block.code)
        if let marks = info["mark"] {
            let lines = try markedLines(
                marks, lineCount: block.code.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count)
            body = mark(lines, in: body)
        }
        body = body.replacingBytes("\r", with: "&#13;")
        var html = "<figure class=\"code-block\">\n"
        if let title = info["title"], !title.isEmpty {
            html += "<figcaption class=\"code-title\">\(HTML.escape(title))</figcaption>\n"
        }
        html += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(HTML.escape(language))\">"
        html += body + "</code></pre>\n</figure>\n"
        return html
    }

    /// `2,4-6` as line numbers (from 1); every number within the block's lines.
    static func markedLines(_ text: String, lineCount: Int) throws(BadMarks) -> Set<Int> {
        var lines = Set<Int>()
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let first = bounds[0], let last = bounds.last ?? nil, first >= 1,
                first <= last
            else {
                throw BadMarks(message: "`mark=\(text)` is not a list of lines and ranges, such as `mark=2,4-6`")
            }
            // The code ends with a line feed: its last "line" is empty.
            let shown = max(1, lineCount - 1)
            guard last <= shown else {
                throw BadMarks(
                    message: "`mark=\(text)` names line \(last), but the code has \(shown) line\(shown == 1 ? "" : "s")")
            }
            lines.formUnion(first...last)
        }
        return lines
    }

    /// The highlighted HTML with each marked line in `<mark class="line">`; a token span that runs over a line
    /// end is closed before it and opened again after, so every line's markup stands on its own.
    private static func mark(_ lines: Set<Int>, in html: String) -> String {
        var output = ""
        var open: [Substring] = []
        var lineNumber = 1
        var rest = html[...]
        func startLine() {
            if lines.contains(lineNumber) { output += "<mark class=\"line\">" }
            output += open.joined()
        }
        startLine()
        while let index = rest.firstIndex(where: { $0 == "\n" || $0 == "<" }) {
            output += rest[..<index]
            if rest[index] == "\n" {
                output += String(repeating: "</span>", count: open.count)
                if lines.contains(lineNumber) { output += "</mark>" }
                output += "\n"
                lineNumber += 1
                rest = rest[rest.index(after: index)...]
                startLine()
            } else {
                let tagEnd = rest[index...].firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
                let tag = rest[index..<tagEnd]
                if tag.hasPrefix("</") { _ = open.popLast() } else { open.append(tag) }
                output += tag
                rest = rest[tagEnd...]
            }
        }
        output += rest
        output += String(repeating: "</span>", count: open.count)
        if lines.contains(lineNumber) { output += "</mark>" }
        return output
    }
}
