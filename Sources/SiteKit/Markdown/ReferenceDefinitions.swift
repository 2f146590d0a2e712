/// A page's link reference definitions, for the parts of the page that libcmark parses on their own (a table's
/// cells, the lines before a table, footnotes): found and resolved once per page, then each part gets a short
/// definition for each label it may use (`[label]: <marker>`), and the converter turns the marker back into the
/// definition's destination and title. Appending every definition of the page to every part made a page of
/// many tables or notes quadratic (737 KB took over 300 s and 20 GB).
final class ReferenceDefinitions {
    struct Target: Equatable {
        var url: String
        var title: String
    }

    /// Each candidate definition's label as written, in page order, and where it points (nil when libcmark did not
    /// take the line as a definition).
    private let labels: [String]
    private let targets: [Target?]
    /// Candidate definitions by `key(label)`, in page order.
    private let byKey: [String: [Int]]
    /// Marks a destination as a definition's, by number. Random per process: a page cannot spell it by chance.
    static let markerPrefix = "build-site-reference-\(String(UInt64.random(in: .min ... .max), radix: 16)):"

    /// - Parameter resolve: libcmark's reading of the candidate definitions, for the labels given.
    init(source: String, resolve: (_ definitions: String, _ labels: [String]) -> [Target?]) {
        let (definitions, labels) = Self.candidates(in: source)
        self.labels = labels
        targets = labels.isEmpty ? [] : resolve(definitions, labels)
        var byKey: [String: [Int]] = [:]
        for (index, label) in labels.enumerated() { byKey[Self.key(label), default: []].append(index) }
        self.byKey = byKey
    }

    /// Definitions for the labels `text` may use, to append to it before it is parsed on its own.
    func definitions(for text: String) -> String {
        guard !byKey.isEmpty else { return "" }
        var used: [Int] = []
        var seen: Set<Int> = []
        for candidate in Self.bracketed(in: text) {
            for index in byKey[Self.key(candidate)] ?? [] where targets[index] != nil && seen.insert(index).inserted {
                used.append(index)
            }
        }
        // In page order: libcmark keeps the first of two definitions of one label, as it did in the page.
        return used.sorted().map { "[\(labels[$0])]: <\(Self.markerPrefix)\($0)>\n" }.joined()
    }

    /// The definition a marker destination stands for.
    func target(forMarker url: String) -> Target? {
        guard url.hasPrefix(Self.markerPrefix), let index = Int(url.dropFirst(Self.markerPrefix.count)),
            targets.indices.contains(index)
        else { return nil }
        return targets[index]
    }

    /// Two labels libcmark would match (Unicode case folding, white space collapsed) have the same key; labels it
    /// would not may too, which costs a definition that matches nothing.
    static func key(_ label: some StringProtocol) -> String {
        label.uppercased().lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every `[…]` in `text` that could be a label: no unescaped bracket inside, at most 999 characters. Each
    /// scan stops at the next bracket, so the whole text is read about once.
    static func bracketed(in text: String) -> [Substring] {
        let bytes = text.utf8
        var found: [Substring] = []
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "[")) {
            var cursor = bytes.index(after: open)
            var length = 0
            var closed: String.Index?
            while cursor < bytes.endIndex, length <= 999 {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "\\"), bytes.index(after: cursor) < bytes.endIndex {
                    cursor = bytes.index(cursor, offsetBy: 2)
                    length += 2
                    continue
                }
                if byte == UInt8(ascii: "[") { break }
                if byte == UInt8(ascii: "]") {
                    closed = cursor
                    break
                }
                cursor = bytes.index(after: cursor)
                length += 1
            }
            if let closed { found.append(text[bytes.index(after: open)..<closed]) }
            index = cursor
        }
        return found
    }

    /// Lines that may define link references (`[label]: destination`, with the lines after each until a blank
    /// one), and the label each starts with. A superset: libcmark decides which are definitions.
    private static func candidates(in source: String) -> (definitions: String, labels: [String]) {
        let bytes = Array(source.utf8)
        guard ByteSearch.contains(Array("]:".utf8), in: bytes) else { return ("", []) }
        let lines = SourceLines(bytes)
        var found: [ArraySlice<UInt8>] = []
        var labels: [String] = []
        var taking = false
        for number in 1...max(1, lines.count) {
            let content = SourceLines.droppingBlockQuoteMarkers(lines.line(number), depth: 8)
            let indent = content.prefix { $0 == 0x20 }.count
            let start = content.dropFirst(indent)
            // Footnote definitions are not link references (and are taken out before parsing).
            if indent < 4, start.first == UInt8(ascii: "["), start.dropFirst().first != UInt8(ascii: "^"),
                let label = Self.definedLabel(start)
            {
                taking = true
                labels.append(label)
            } else if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                taking = false
            }
            if taking { found.append(content) }
        }
        return (found.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n"), labels)
    }

    /// The label of `[label]:` at the start of `line`.
    private static func definedLabel(_ line: ArraySlice<UInt8>) -> String? {
        var index = line.startIndex + 1
        while index < line.endIndex, index - line.startIndex <= 1000 {
            switch line[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "["): return nil
            case UInt8(ascii: "]"):
                guard index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: ":"), index > line.startIndex + 1 else {
                    return nil
                }
                return String(decoding: line[(line.startIndex + 1)..<index], as: UTF8.self)
            default: index += 1
            }
        }
        return nil
    }
}
