import Yams

/// The YAML block between `---` lines at the top of a page, and what it says about the page.
struct FrontMatter: Equatable, Sendable {
    var title: String
    var description: String?
    var order: Int?
    var draft: Bool
    var layout: String?
    /// The file line of each key, for messages about its value.
    var keyLines: [String: Int] = [:]

    /// Splits `source` into front matter and body. `bodyLineOffset` is the number of lines before the body,
    /// so that a line in the body maps back to a line in the file.
    static func split(_ source: String, file: String) throws -> (frontMatter: FrontMatter, body: Substring, bodyLineOffset: Int) {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingCR == "---" else {
            throw SiteError(file: file, line: 1, "missing front matter: a page starts with a `---` line, then YAML with at least `title`")
        }
        lines = lines.dropFirst()
        guard let end = lines.firstIndex(where: { $0.trimmingTrailingCR == "---" || $0.trimmingTrailingCR == "..." }) else {
            throw SiteError(file: file, line: 1, "front matter is not closed: add a `---` line after it")
        }
        let yaml = lines[lines.startIndex..<end].joined(separator: "\n")
        let frontMatter = try parse(yaml: yaml, file: file, firstLine: 2)
        // The split lines share indices with `source`, so the body starts right after the closing line.
        let closing = lines[end]
        let bodyStart = closing.endIndex < source.endIndex ? source.index(after: closing.endIndex) : source.endIndex
        return (frontMatter, source[bodyStart...], end + 1)
    }

    static func parse(yaml: String, file: String, firstLine: Int) throws -> FrontMatter {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: yaml)
        } catch let error as YamlError {
            throw SiteError(file: file, line: error.line.map { $0 + firstLine - 1 }, "invalid YAML front matter: \(error.problem)")
        }
        guard let fields = loaded as? [String: Any] else {
            throw SiteError(file: file, line: firstLine, "front matter must be a YAML mapping with at least `title`")
        }
        let keyLines = YAMLKeyLines.find(in: yaml).mapValues { $0 + firstLine - 1 }
        func line(of key: String) -> Int { keyLines[key] ?? firstLine }
        let known: Set = ["title", "description", "order", "draft", "layout"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw SiteError(file: file, line: line(of: unknown), "unknown front matter key `\(unknown)` (known: \(known.sorted().joined(separator: ", ")))")
        }
        guard let title = fields["title"] as? String, !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SiteError(file: file, line: fields["title"] == nil ? firstLine : line(of: "title"), "front matter needs a non-empty `title`")
        }
        func typed<T>(_ key: String, _ type: T.Type, _ what: String) throws -> T? {
            guard let value = fields[key] else { return nil }
            guard let typedValue = value as? T else {
                throw SiteError(file: file, line: line(of: key), "`\(key)` must be \(what)")
            }
            return typedValue
        }
        return FrontMatter(
            title: title,
            description: try typed("description", String.self, "a string"),
            order: try typed("order", Int.self, "an integer"),
            draft: try typed("draft", Bool.self, "true or false") ?? false,
            layout: try typed("layout", String.self, "a template name"),
            keyLines: keyLines)
    }
}

extension Substring {
    var trimmingTrailingCR: Substring { last == "\r" ? dropLast() : self }
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
