import Foundation
import Yams

/// The YAML block between `---` lines at the top of a page, and what it says about the page.
struct FrontMatter: Equatable, Sendable {
    var title: String
    /// A short label for the navigation, where the title is long.
    var nav: String?
    var description: String?
    var order: Int?
    var draft: Bool
    var layout: String?
    /// The image social cards show for the page (a path under `content/`, or an absolute URL).
    var image: String?
    /// False leaves the page out of the search index.
    var search: Bool
    /// The file line of each key, for messages about its value.
    var keyLines: [String: Int] = [:]

    /// Splits `source` into front matter and body. `bodyLineOffset` is the number of lines before the body,
    /// so that a line in the body maps back to a line in the file.
    static func split(_ source: String, file: String) throws -> (frontMatter: FrontMatter, body: Substring, bodyLineOffset: Int) {
        var lines = LineCursor(source)
        guard let first = lines.next(), first == "---" else {
            throw SiteError(
                file: file, line: 1, "missing front matter: a page starts with a `---` line, then YAML with at least `title`")
        }
        let yamlStart = lines.position
        var yamlEnd = yamlStart
        var lineCount = 1
        while true {
            let lineStart = lines.position
            guard let line = lines.next() else {
                throw SiteError(file: file, line: 1, "front matter is not closed: add a `---` line after it")
            }
            lineCount += 1
            if line == "---" || line == "..." {
                yamlEnd = lineStart
                break
            }
        }
        let frontMatter = try parse(yaml: String(source[yamlStart..<yamlEnd]), file: file, firstLine: 2)
        return (frontMatter, source[lines.position...], lineCount)
    }

    static func parse(yaml: String, file: String, firstLine: Int) throws -> FrontMatter {
        let fields = try YAMLMapping(parsing: yaml, file: file, firstLine: firstLine, what: "front matter")
        try fields.rejectUnknownKeys(["title", "nav", "description", "order", "draft", "layout", "image", "search"])
        // Scalar by scalar: trimming a copy through Foundation cost more than the rest of the front matter.
        guard let title = try fields.string("title"),
            title.unicodeScalars.contains(where: { !CharacterSet.whitespaces.contains($0) })
        else {
            throw SiteError(file: file, line: fields.line(of: "title"), "front matter needs a non-empty `title`")
        }
        return FrontMatter(
            title: title,
            nav: try fields.string("nav"),
            description: try fields.string("description"),
            order: try fields.int("order"),
            draft: try fields.bool("draft") ?? false,
            layout: try fields.string("layout"),
            image: try fields.string("image"),
            search: try fields.bool("search") ?? true,
            keyLines: Dictionary(uniqueKeysWithValues: fields.keys.map { ($0, fields.line(of: $0)) }))
    }
}

/// Walks a text line by line without splitting all of it: only the front matter is needed.
struct LineCursor {
    private let text: String
    private(set) var position: String.Index

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    /// The next line without its line break (`\n` or `\r\n`), or nil at the end.
    mutating func next() -> Substring? {
        let utf8 = text.utf8
        guard position < utf8.endIndex else { return nil }
        let lineStart = position
        let newline = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        position = newline < utf8.endIndex ? utf8.index(after: newline) : newline
        var lineEnd = newline
        if lineEnd > lineStart, utf8[utf8.index(before: lineEnd)] == UInt8(ascii: "\r") {
            lineEnd = utf8.index(before: lineEnd)
        }
        return text[lineStart..<lineEnd]
    }
}

extension YamlError {
    /// The 1-based line within the YAML text, when libyaml reported one.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        case .reader(_, let offset, _, let yaml):
            guard let offset else { return nil }
            return yaml.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
        default: return nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys \(duplicates.sorted().joined(separator: ", "))"
        case .reader(let problem, _, _, _): return problem
        default: return "\(self)"
        }
    }
}
