/// Where keys sit in a YAML text. libyaml's loaded values carry no positions, so messages about a value
/// find its key's line here.
enum YAMLKeyLines {
    /// The 1-based line of the first `key:` at any indentation.
    static func find(in text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = String(trimmed[..<colon])
            if lines[key] == nil { lines[key] = index + 1 }
        }
        return lines
    }
}
