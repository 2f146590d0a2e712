import Foundation

/// GFM tables, found in the lines of what libcmark parsed as a paragraph: rows are split into cells here, as
/// cmark-gfm's `row_from_string` splits them (unescaped pipes; `\|` is a pipe in the cell), and the cells' inline
/// content is parsed by libcmark.
enum GFMTables {
    struct Found {
        /// Index of the header row; rows before it are a paragraph of their own.
        var header: Int
        var headerCells: [String]
        var alignments: [MarkdownTable.Alignment?]
        var body: [[String]]
        /// Index of the first row after the table.
        var end: Int
    }

    /// The first table in `rows` (a paragraph's lines, container markers and outer spaces removed): a header
    /// row, then a delimiter row with as many cells, then body rows while they are rows.
    static func find(in rows: [ArraySlice<UInt8>]) -> Found? {
        guard rows.count >= 2 else { return nil }
        for index in 1..<rows.count {
            guard let alignments = delimiterAlignments(rows[index]), let header = cells(rows[index - 1]),
                header.count == alignments.count
            else { continue }
            var body: [[String]] = []
            var end = index + 1
            while end < rows.count, let row = cells(rows[end]) {
                body.append(row)
                end += 1
            }
            return Found(header: index - 1, headerCells: header, alignments: alignments, body: body, end: end)
        }
        return nil
    }

    /// Whether a line is made only of what a delimiter row (in a quote) may hold, a `-` among it: the cheap test
    /// before the real one.
    static func mayBeDelimiter(_ line: ArraySlice<UInt8>) -> Bool {
        var dash = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ">"), 0x20, 0x09, 0x0D: break
            default: return false
            }
        }
        return dash
    }

    /// A row's cells, trimmed and with `\|` unescaped; nil for a line that is not a row (such as a lone `|`).
    static func cells(_ line: ArraySlice<UInt8>) -> [String]? {
        let bytes = Array(line)
        var cells: [String] = []
        var offset = pipeEnd(bytes, 0)
        while offset < bytes.count {
            let cellEnd = cellContentEnd(bytes, offset)
            let afterPipe = pipeEnd(bytes, cellEnd)
            if cellEnd > offset || afterPipe > cellEnd {
                cells.append(unescapedTrimmed(bytes[offset..<cellEnd]))
            }
            offset = afterPipe
            if afterPipe == cellEnd { break }
        }
        return offset == bytes.count && !cells.isEmpty ? cells : nil
    }

    /// The alignments of a delimiter row (`| :-- | :-: | --: |`), or nil when the line is not one.
    static func delimiterAlignments(_ line: ArraySlice<UInt8>) -> [MarkdownTable.Alignment?]? {
        guard line.contains(UInt8(ascii: "-")), let cells = cells(line) else { return nil }
        var alignments: [MarkdownTable.Alignment?] = []
        for cell in cells {
            let bytes = Array(cell.utf8)
            let left = bytes.first == UInt8(ascii: ":")
            let right = bytes.count > 1 && bytes.last == UInt8(ascii: ":")
            let dashes = bytes.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : nil)
        }
        // A delimiter row with one cell and no pipe (`---`, `:--`) is still one; cmark-gfm's scanner accepts it.
        return alignments
    }

    /// Past a `|` and the spaces after it, or `offset` when there is no pipe there.
    private static func pipeEnd(_ bytes: [UInt8], _ offset: Int) -> Int {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "|") else { return offset }
        var end = offset + 1
        while end < bytes.count, isSpace(bytes[end]) { end += 1 }
        return end
    }

    /// Past a cell's content: anything but an unescaped pipe.
    private static func cellContentEnd(_ bytes: [UInt8], _ offset: Int) -> Int {
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "|") {
            if bytes[end] == UInt8(ascii: "\\"), end + 1 < bytes.count, isASCIIPunctuation(bytes[end + 1]) {
                end += 2
            } else {
                end += 1
            }
        }
        return end
    }

    private static func unescapedTrimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "|") {
                index += 1
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: SourceLines.trimmingSpaces(result[...]), as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }
}

/// A text's lines as libcmark counts them (ended by LF, CR LF or a lone CR), as byte slices, for the steps that
/// read the source: tables and the lines of links and warnings.
struct SourceLines {
    private let bytes: [UInt8]
    /// Start and end (before its line ending) of each line.
    private let spans: [Range<Int>]

    init(_ text: String) { self.init(Array(text.utf8)) }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        spans = bytes.withUnsafeBufferPointer(Self.spans)
    }

    /// Found with memchr when the text has no CR (nearly every page), byte by byte when it has.
    private static func spans(of buffer: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        guard let base = buffer.baseAddress else { return [0..<0] }
        // Counted first: grown line by line, the list was reallocated several times for every page it split.
        var breaks = 0
        for byte in buffer where byte == 0x0A || byte == 0x0D { breaks += 1 }
        spans.reserveCapacity(breaks + 1)
        var start = 0
        if memchr(base, 0x0D, buffer.count) == nil {
            while start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                spans.append(start..<end)
                start = end + 1
            }
        } else {
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x0A || byte == 0x0D {
                    spans.append(start..<index)
                    if byte == 0x0D, index + 1 < buffer.count, buffer[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
        }
        spans.append(start..<buffer.count)
        return spans
    }

    var count: Int { spans.count }

    /// Where line `number` (from 1) lies in the text, without its line ending.
    func span(_ number: Int) -> Range<Int> { spans[number - 1] }

    /// Line `number` (from 1), empty past the end.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= spans.count else { return [] }
        return bytes[spans[number - 1]]
    }

    /// The first line from `start` through `last` that holds `needle`, reading at most `budget` bytes (less what
    /// it reads); nil when none does or the budget ran out.
    func first(containing needle: [UInt8], from start: Int, through last: Int, budget: inout Int) -> Int? {
        guard start >= 1, last >= start else { return nil }
        for number in start...min(last, spans.count) {
            let text = line(number)
            guard budget >= text.count else { return nil }
            budget -= text.count
            if ByteSearch.contains(needle, in: text) { return number }
        }
        return nil
    }

    /// The line without `depth` block quote markers (`>` after up to three spaces, and one space after it); a lazy
    /// line, which has fewer, loses those it has.
    static func droppingBlockQuoteMarkers(_ line: ArraySlice<UInt8>, depth: Int) -> ArraySlice<UInt8> {
        var rest = line
        for _ in 0..<depth {
            let indent = rest.prefix { $0 == 0x20 }.count
            guard indent <= 3, rest.dropFirst(indent).first == UInt8(ascii: ">") else { break }
            rest = rest.dropFirst(indent + 1)
            if let first = rest.first, first == 0x20 || first == 0x09 { rest = rest.dropFirst() }
        }
        return rest
    }

    static func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var trimmed = bytes
        while let first = trimmed.first, GFMTables.isSpace(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, GFMTables.isSpace(last) || last == 0x0D { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
