import Yams

/// A YAML mapping read with Yams, keeping the file line of every key so that a message about a value can name
/// it. Scalars are read without implicit typing (libyaml's regex-based resolution was the slowest part of
/// reading pages); each field says which type it wants.
struct YAMLMapping {
    let file: String
    let line: Int
    /// Prefix for key names in messages, e.g. `connect.`.
    let keyPrefix: String
    private let entries: [String: (node: Node, line: Int)]
    let keys: [String]

    init(parsing yaml: String, file: String, firstLine: Int, what: String) throws {
        let root: Node?
        do {
            // The encoding is given so that Yams does not read the environment for every page.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw SiteError(file: file, line: error.line.map { $0 + firstLine - 1 }, "invalid YAML \(what): \(error.problem)")
        }
        guard let mapping = root?.mapping else {
            throw SiteError(file: file, line: firstLine, "\(what) must be a YAML mapping of `key: value` lines")
        }
        self.init(mapping, file: file, lineOffset: firstLine - 1, keyPrefix: "")
    }

    private init(_ mapping: Node.Mapping, file: String, lineOffset: Int, keyPrefix: String) {
        var entries: [String: (node: Node, line: Int)] = [:]
        var keys: [String] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            keys.append(name)
            entries[name] = (value, (key.mark?.line ?? 1) + lineOffset)
        }
        self.file = file
        self.line = (mapping.mark?.line ?? 1) + lineOffset
        self.keyPrefix = keyPrefix
        self.entries = entries
        self.keys = keys
        self.lineOffset = lineOffset
    }

    private let lineOffset: Int

    func line(of key: String) -> Int { entries[key]?.line ?? line }

    func rejectUnknownKeys(_ known: Set<String>) throws {
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw SiteError(
                file: file, line: line(of: unknown),
                "unknown key `\(keyPrefix)\(unknown)` (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// A string, or nil when the key is missing, empty or null.
    func string(_ key: String) throws -> String? {
        guard let scalar = try scalar(key, "a string") else { return nil }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string) ? nil : scalar.string
    }

    func int(_ key: String) throws -> Int? {
        guard let scalar = try scalar(key, "an integer") else { return nil }
        guard let value = Int(scalar.string) else { throw mistyped(key, "an integer") }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let scalar = try scalar(key, "true or false") else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw mistyped(key, "true or false")
        }
    }

    func mapping(_ key: String) throws -> YAMLMapping? {
        guard let entry = entries[key] else { return nil }
        guard let mapping = entry.node.mapping else { throw mistyped(key, "a mapping of `key: value` lines") }
        return YAMLMapping(mapping, file: file, lineOffset: lineOffset, keyPrefix: "\(keyPrefix)\(key).")
    }

    private func scalar(_ key: String, _ what: String) throws -> Node.Scalar? {
        guard let entry = entries[key] else { return nil }
        guard let scalar = entry.node.scalar else { throw mistyped(key, what) }
        return scalar
    }

    private func mistyped(_ key: String, _ what: String) -> SiteError {
        SiteError(file: file, line: line(of: key), "`\(keyPrefix)\(key)` must be \(what)")
    }
}
