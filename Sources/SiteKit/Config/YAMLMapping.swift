import Yams

/// A YAML mapping read with Yams, keeping the file line of every key so that a message about a value can name
/// it. Scalars are read without implicit typing (libyaml's regex-based resolution was the slowest part of
/// reading pages); each field says which type it wants.
package struct YAMLMapping {
    let file: String
    let line: Int
    /// Prefix for key names in messages, e.g. `connect.`.
    let keyPrefix: String
    /// Each key's value (a plain line's text, or what libyaml read) and line.
    private let entries: [String: (value: Value, line: Int)]

    private enum Value {
        case plain(String)
        case node(Node)
    }
    let keys: [String]

    init(parsing yaml: String, file: String, firstLine: Int, what: String) throws {
        if let lines = Self.plainLines(yaml) {
            var entries: [String: (value: Value, line: Int)] = [:]
            for entry in lines { entries[entry.key] = (.plain(entry.value), entry.line + firstLine - 1) }
            self.init(
                file: file, line: (lines.first?.line ?? 1) + firstLine - 1, keyPrefix: "", entries: entries,
                keys: lines.map(\.key), lineOffset: firstLine - 1)
            return
        }
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
        var entries: [String: (value: Value, line: Int)] = [:]
        var keys: [String] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            keys.append(name)
            entries[name] = (.node(value), (key.mark?.line ?? 1) + lineOffset)
        }
        self.init(
            file: file, line: (mapping.mark?.line ?? 1) + lineOffset, keyPrefix: keyPrefix, entries: entries, keys: keys,
            lineOffset: lineOffset)
    }

    private init(
        file: String, line: Int, keyPrefix: String, entries: [String: (value: Value, line: Int)], keys: [String], lineOffset: Int
    ) {
        self.file = file
        self.line = line
        self.keyPrefix = keyPrefix
        self.entries = entries
        self.keys = keys
        self.lineOffset = lineOffset
    }

    private let lineOffset: Int

    /// The mapping, when every line is `key: value` with a plain ASCII value that YAML reads as written (no quote,
    /// indicator, comment, `: `, tab or control character; distinct keys; blank lines allowed): keys, values and
    /// lines (from 1), as libyaml would give them. Nil for anything else, which Yams then reads. Page front matter
    /// is nearly always this, and libyaml's setup was most of the time spent reading a page.
    package static func plainLines(_ yaml: String) -> [(key: String, value: String, line: Int)]? {
        var result: [(key: String, value: String, line: Int)] = []
        var seen: Set<Substring> = []
        var lineNumber = 0
        for line in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                isKeyStart(line[line.startIndex]), line[..<colon].allSatisfy(isKeyByte)
            else { return nil }
            var value = line[line.index(after: colon)...]
            // At least one space after the colon, then the value; trailing spaces are not part of a plain scalar.
            guard value.first == 0x20 else { return nil }
            while value.first == 0x20 { value = value.dropFirst() }
            while value.last == 0x20 { value = value.dropLast() }
            guard let first = value.first, !indicators.contains(first),
                value.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), value.last != UInt8(ascii: ":"),
                !zip(value, value.dropFirst()).contains(where: { pair in
                    pair == (UInt8(ascii: ":"), 0x20) || pair == (0x20, UInt8(ascii: "#"))
                })
            else { return nil }
            let key = Substring(line[..<colon])
            guard seen.insert(key).inserted else { return nil }
            result.append((String(key), String(Substring(value)), lineNumber))
        }
        return result.isEmpty ? nil : result
    }

    /// What libyaml (through Yams) reads from `yaml` when it is a mapping of scalars: keys, values and lines, as
    /// `plainLines` gives them; nil for anything else. Holds `plainLines` to libyaml's reading in tests and fuzzing.
    package static func composedLines(_ yaml: String) -> [(key: String, value: String, line: Int)]? {
        guard let root = try? Yams.compose(yaml: yaml, .basic, .default, .utf8), let mapping = root.mapping else { return nil }
        var result: [(key: String, value: String, line: Int)] = []
        for (key, value) in mapping {
            guard let name = key.string, let scalar = value.scalar else { return nil }
            result.append((name, scalar.string, key.mark?.line ?? 0))
        }
        return result
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    /// Bytes that give a value's first character a meaning in YAML other than text.
    private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`~".utf8)

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
        return ["", "~", "null", "Null", "NULL"].contains(scalar) ? nil : scalar
    }

    func int(_ key: String) throws -> Int? {
        guard let scalar = try scalar(key, "an integer") else { return nil }
        guard let value = Int(scalar) else { throw mistyped(key, "an integer") }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let scalar = try scalar(key, "true or false") else { return nil }
        switch scalar {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw mistyped(key, "true or false")
        }
    }

    func mapping(_ key: String) throws -> YAMLMapping? {
        guard let entry = entries[key] else { return nil }
        guard case .node(let node) = entry.value, let mapping = node.mapping else {
            throw mistyped(key, "a mapping of `key: value` lines")
        }
        return YAMLMapping(mapping, file: file, lineOffset: lineOffset, keyPrefix: "\(keyPrefix)\(key).")
    }

    /// A list of mappings (`nav:` entries), or nil when the key is missing.
    func mappings(_ key: String) throws -> [YAMLMapping]? {
        guard let entry = entries[key] else { return nil }
        guard case .node(let node) = entry.value, let sequence = node.sequence else {
            throw mistyped(key, "a list of `- key: value` entries")
        }
        return try sequence.map { item in
            guard let mapping = item.mapping else { throw mistyped(key, "a list of `- key: value` entries") }
            return YAMLMapping(mapping, file: file, lineOffset: lineOffset, keyPrefix: "\(keyPrefix)\(key).")
        }
    }

    /// A key's value as text, or a list's values; nil for a mapping or anything deeper, which templates cannot show.
    func values(_ key: String) -> (values: [String], isList: Bool)? {
        switch entries[key]?.value {
        case nil: return nil
        case .plain(let text): return ([text], false)
        case .node(let node):
            if let scalar = node.scalar { return ([scalar.string], false) }
            if let sequence = node.sequence {
                let items = sequence.compactMap { $0.scalar?.string }
                return items.count == sequence.count ? (items, true) : nil
            }
            return nil
        }
    }

    /// A scalar's text.
    private func scalar(_ key: String, _ what: String) throws -> String? {
        switch entries[key]?.value {
        case nil: return nil
        case .plain(let text): return text
        case .node(let node):
            guard let scalar = node.scalar else { throw mistyped(key, what) }
            return scalar.string
        }
    }

    private func mistyped(_ key: String, _ what: String) -> SiteError {
        SiteError(file: file, line: line(of: key), "`\(keyPrefix)\(key)` must be \(what)")
    }
}
