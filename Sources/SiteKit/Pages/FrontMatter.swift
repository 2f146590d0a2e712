import Foundation
import Yams

/// The YAML block between `---` lines at the top of a page, and what it says about the page. A page may have
/// none (a repository's plain Markdown), and keys of the project's own (`status`, `author`, …) are kept for
/// templates as `page.params`.
struct FrontMatter: Equatable, Sendable {
    /// The page's title, when the front matter gives one (else the page's first `#` heading or its file name).
    var title: String?
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
    /// Keys of the project's own, in the order written, for templates (`page.params.KEY`).
    var params: [Param] = []
    /// What the author should hear (a key that looks like a misspelled known one).
    var warnings: [SiteWarning] = []

    /// A key of the project's own: a scalar's text, or a list's.
    struct Param: Equatable, Sendable {
        var key: String
        var values: [String]
        var isList: Bool
    }

    static let knownKeys: Set<String> = ["title", "nav", "description", "order", "draft", "layout", "image", "search"]

    /// Splits `source` into front matter and body. `bodyLineOffset` is the number of lines before the body,
    /// so that a line in the body maps back to a line in the file.
    static func split(_ source: String, file: String) throws -> (frontMatter: FrontMatter, body: Substring, bodyLineOffset: Int) {
        var lines = LineCursor(source)
        // No `---` first: no front matter, as in most repositories' Markdown.
        guard let first = lines.next(), first == "---" else {
            return (
                FrontMatter(nav: nil, description: nil, order: nil, draft: false, layout: nil, image: nil, search: true),
                source[...], 0
            )
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
        // Scalar by scalar: trimming a copy through Foundation cost more than the rest of the front matter.
        let title = try fields.string("title")
        if let title, !title.unicodeScalars.contains(where: { !CharacterSet.whitespaces.contains($0) }) {
            throw SiteError(file: file, line: fields.line(of: "title"), "`title` is empty; give one, or leave the key out")
        }
        var warnings: [SiteWarning] = []
        for key in fields.keys where !knownKeys.contains(key) {
            if let known = knownKeys.first(where: { Self.isLikelyMisspelling(key, of: $0) }) {
                warnings.append(
                    SiteWarning(
                        file: file, line: fields.line(of: key),
                        "front matter key `\(key)` is not one build-site reads; did you mean `\(known)`? (kept as page.params.\(key))"
                    ))
            }
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
            keyLines: Dictionary(uniqueKeysWithValues: fields.keys.map { ($0, fields.line(of: $0)) }),
            params: fields.keys.filter { !knownKeys.contains($0) }.compactMap { key in
                fields.values(key).map { Param(key: key, values: $0.values, isList: $0.isList) }
            },
            warnings: warnings)
    }

    /// One letter added, dropped, changed, or two swapped (`tilte`, `titel`, `descripton`), in ASCII case.
    static func isLikelyMisspelling(_ key: String, of known: String) -> Bool {
        let a = Array(key.lowercased().utf8)
        let b = Array(known.utf8)
        guard a != b, abs(a.count - b.count) <= 1, a.count >= 3 else { return a == b && key != known }
        if a.count == b.count {
            let differ = a.indices.filter { a[$0] != b[$0] }
            if differ.count == 1 { return true }
            return differ.count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]]
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        var skipped = false
        var i = 0
        var j = 0
        while i < short.count, j < long.count {
            if short[i] == long[j] {
                i += 1
                j += 1
            } else if !skipped {
                skipped = true
                j += 1
            } else {
                return false
            }
        }
        return true
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
