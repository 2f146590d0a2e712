import Foundation

/// A fenced code block whose body comes from a file under `content/`, so the tutorial shows the code that runs:
///
///     ```js file=demo/sign-in-with.js region=sign-in
///     ```
///
/// A region is the lines between `#region NAME` and `#endregion` comment lines; marker lines never show. The block
/// is titled with the file's path unless it has a `title=` of its own.
/// A class: the closures that rewrite a page's code blocks capture it, and a struct of this size was copied at
/// every block they passed (a tenth of a bare build's time).
package final class CodeInclude: Sendable {
    let contentRoot: URL
    let pin: ConnectPin

    package init(contentRoot: URL, pin: ConnectPin) {
        self.contentRoot = contentRoot
        self.pin = pin
    }

    /// Returns the block with its body filled in, or unchanged when its info string names no file.
    func expand(_ block: CodeBlock, page: Page) throws -> CodeBlock {
        var info = CodeBlockInfo(block.info)
        guard let path = info["file"] else { return block }
        let line = page.fileLine(block.line)
        let region = info["region"]
        info.remove("file")
        info.remove("region")
        if info["title"] == nil { info.set("title", path) }
        guard block.code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SiteError(
                file: page.displayPath, line: line, "a code block with `file=` takes its body from the file; leave it empty")
        }
        let real = try ContentPath.resolve(path, under: contentRoot, file: page.displayPath, line: line)
        let text = pin.substitute(in: try TextFile.read(path: real, displayPath: "content/\(path)"))
        var code: String
        if let region {
            guard let body = Self.region(named: region, in: text) else {
                throw SiteError(
                    file: page.displayPath, line: line,
                    "`content/\(path)` has no region `\(region)` (mark it with `#region \(region)` and `#endregion` comments)")
            }
            code = body
        } else {
            code = RegionMarkers.strip(text)
        }
        // By byte: to `hasSuffix`, CR LF is one Character and not a "\n".
        if code.utf8.last != UInt8(ascii: "\n") { code += text.lineEnding }
        return CodeBlock(info: info.text, code: code, line: block.line)
    }

    /// The lines of a named region, without nested markers and with their common indentation removed.
    package static func region(named name: String, in text: String) -> String? {
        let lines = text.lines
        guard let start = lines.firstIndex(where: { RegionMarkers.regionName(of: $0) == name }) else { return nil }
        var depth = 0
        var body: [Substring] = []
        for line in lines[(start + 1)...] {
            if RegionMarkers.regionName(of: line) != nil {
                depth += 1
                continue
            }
            if RegionMarkers.isEnd(line) {
                if depth == 0 { return dedent(body, lineEnding: text.lineEnding) }
                depth -= 1
                continue
            }
            body.append(line)
        }
        return nil
    }

    /// The lines with their common indentation removed, joined with the file's own line ending.
    private static func dedent(_ lines: [Substring], lineEnding: String) -> String {
        let indent = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(indent)) }.joined(separator: lineEnding)
    }
}

/// `#region NAME` / `#endregion` lines in JS and Swift (`//`), CSS (`/* */`), HTML (`<!-- -->`) and Python (`#`)
/// comments.
package enum RegionMarkers {
    package static func regionName(of line: Substring) -> String? {
        let words = commentWords(line)
        guard words.first == "#region", words.count == 2 else { return nil }
        return words[1]
    }

    package static func isEnd(_ line: Substring) -> Bool {
        commentWords(line).first == "#endregion"
    }

    /// The text without marker lines, as served and as included whole.
    package static func strip(_ text: String) -> String {
        guard text.containsBytes("#region") || text.containsBytes("#endregion") else { return text }
        // A Windows file keeps its CR LF endings.
        return text.lines.filter { regionName(of: $0) == nil && !isEnd($0) }.joined(separator: text.lineEnding)
    }

    private static func commentWords(_ line: Substring) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)[...]
        // `# #region` is a Python (or shell, or YAML) comment.
        for (open, close) in [("//", ""), ("/*", "*/"), ("<!--", "-->"), ("# ", "")]
        where text.hasPrefix(open) && text.hasSuffix(close) {
            text = text.dropFirst(open.count).dropLast(close.count)
            return text.split(separator: " ").map(String.init)
        }
        return []
    }
}
