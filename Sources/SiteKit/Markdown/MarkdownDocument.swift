import Foundation

/// A Markdown document as Swift values, with GitHub's extensions (tables, task lists, strikethrough, extended
/// autolinks, footnotes, alerts). libcmark parses it and does all inline parsing; its tree lives only inside the
/// parse (`CmarkParse`), converted there and freed there, so nothing can touch a freed node. The extensions are
/// steps on the values and on the source's lines (`GFMTables`, `GFMInlines`, `Footnotes`). The build rewrites and
/// renders the values (`MarkdownHTML`).
package struct MarkdownDocument: Sendable, Equatable {
    var blocks: [MarkdownBlock]
    /// Footnotes in the order of their first reference, numbered from 1.
    var footnotes: [Footnote] = []
    /// What the author should hear about without failing the build (a footnote reference with no definition).
    var warnings: [MarkdownWarning] = []

    /// Deeper nesting (quotes in lists in quotes…) is refused: the values and their renderer are recursive, and
    /// a page renders on a worker thread with a small stack. No real page comes near it.
    static let maximumDepth = 100

    /// Why a text is not parsed: what the build says at `line` instead.
    struct Refused: Error, Equatable {
        enum Reason: Equatable {
            /// Nested deeper than `maximumDepth`.
            case tooDeep
            /// A paragraph opening more images (`![`) than `maximumImageOpeners`.
            case tooManyImageOpeners(Int)
        }

        /// Where the refused part starts, in the parsed text.
        let line: Int
        let reason: Reason
    }

    /// libcmark 0.30.2 (Debian 12's) takes time growing with the square of the `![` in one paragraph when links
    /// follow them (`![[]()` repeated: CVE-2023-22486, fixed in libcmark 0.30.3): 33,000 of them took 1.6 s,
    /// a megabyte of them would take minutes. No page needs this many in one paragraph; 5,000 take about 40 ms.
    static let maximumImageOpeners = 5_000

    /// The first stretch between blank lines with more `![` than `maximumImageOpeners`: its first line and count.
    static func tooManyImageOpeners(in text: String) -> (line: Int, count: Int)? {
        // Most pages hold far fewer `![` in all: counted first, by `memchr` for each `[`.
        let total = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            var count = 0
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "[")), bytes.count - offset) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index > 0, bytes[index - 1] == UInt8(ascii: "!") { count += 1 }
                offset = index + 1
            }
            return count
        }
        guard (total ?? Int.max) > maximumImageOpeners else { return nil }
        var line = 1
        var blockLine = 1
        var count = 0
        var lineIsBlank = true
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                if lineIsBlank {
                    count = 0
                    blockLine = line + 1
                }
                line += 1
                lineIsBlank = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default:
                if lineIsBlank, count == 0 { blockLine = line }
                lineIsBlank = false
                if byte == UInt8(ascii: "["), previous == UInt8(ascii: "!") {
                    count += 1
                    if count > maximumImageOpeners { return (blockLine, count) }
                }
            }
            previous = byte
        }
        return nil
    }

    init(blocks: [MarkdownBlock], footnotes: [Footnote] = []) {
        self.blocks = blocks
        self.footnotes = footnotes
    }

    /// What is read: GitHub Flavored Markdown, or CommonMark alone (to hold the renderer to libcmark's).
    enum Flavor: Sendable { case gitHub, commonMark }

    init(parsing text: some StringProtocol, flavor: Flavor = .gitHub) throws(Refused) {
        let source = String(text)
        if let (line, _) = Self.tooManyImageOpeners(in: source) {
            throw Refused(line: line, reason: .tooManyImageOpeners(Self.maximumImageOpeners))
        }
        let extracted =
            flavor == .gitHub ? Footnotes.extractDefinitions(from: source) : (text: source, definitions: [Footnotes.Definition]())
        var definitions: [String: Footnotes.Definition] = [:]
        for definition in extracted.definitions where definitions[definition.label] == nil {
            definitions[definition.label] = definition
        }
        let numbering = FootnoteNumbering(labels: Set(definitions.keys))
        let context = CmarkParse.Context(source: source, footnotes: numbering, gitHub: flavor == .gitHub)
        var warnings: [MarkdownWarning] = []
        blocks = try CmarkParse.blocks(extracted.text, context: context, warnings: &warnings)
        // A note is parsed when its number comes up, so the references in it are numbered after those before.
        func parseNote(_ definition: Footnotes.Definition) throws(Refused) -> [MarkdownBlock] {
            var noteWarnings: [MarkdownWarning] = []
            defer {
                warnings += noteWarnings.map { MarkdownWarning(line: $0.line + definition.firstLine - 1, message: $0.message) }
            }
            return try CmarkParse.blocks(definition.content, context: context, warnings: &noteWarnings, withReferences: true)
                .map { $0.shiftingLines(by: definition.firstLine - 1) }
        }
        var position = 0
        while position < numbering.order.count {
            if let definition = definitions[numbering.order[position]] {
                footnotes.append(Footnote(number: position + 1, blocks: try parseNote(definition), references: 0))
            }
            position += 1
        }
        for index in footnotes.indices { footnotes[index].references = numbering.counts[numbering.order[index]] ?? 1 }
        // Notes nothing refers to are left out, as on GitHub; what they hold is still checked.
        numbering.recording = false
        for definition in extracted.definitions where definitions[definition.label]?.firstLine == definition.firstLine {
            if numbering.counts[definition.label] == nil { _ = try parseNote(definition) }
        }
        self.warnings = warnings.sorted { $0.line < $1.line }
    }
}

/// A note for the author, at a line of the parsed text.
struct MarkdownWarning: Sendable, Equatable {
    var line: Int
    var message: String
}

/// Not `indirect` as a whole: that would box every block on the heap. Arrays already hold the nested ones; only
/// the large code block is boxed, so that the others stay small.
package enum MarkdownBlock: Sendable, Equatable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline], line: Int)
    indirect case codeBlock(CodeBlock)
    /// Raw HTML, also what a highlighted code block becomes.
    case html(String)
    case blockQuote([MarkdownBlock])
    case list(ListStyle, items: [[MarkdownBlock]])
    case thematicBreak
    case table(MarkdownTable)
    /// GitHub's `> [!NOTE]` callout: its kind and the quote's other blocks.
    case alert(AlertKind, [MarkdownBlock])
}

package struct ListStyle: Sendable, Equatable {
    /// The first number of an ordered list; nil for a bullet list.
    package var start: Int?
    /// A tight list's paragraphs are not wrapped in `<p>`.
    package var tight: Bool
}

package struct CodeBlock: Sendable, Equatable {
    package var info: String
    package var code: String
    /// Line in the parsed text.
    package var line: Int
}

/// A GFM table: a header row, a delimiter row's alignments, and body rows (each as long as the header).
package struct MarkdownTable: Sendable, Equatable {
    package enum Alignment: Sendable, Equatable { case left, center, right }
    package var alignments: [Alignment?]
    package var header: [[MarkdownInline]]
    package var rows: [[[MarkdownInline]]]
}

/// The five kinds GitHub's alerts have, in the order it documents them.
package enum AlertKind: String, Sendable, Equatable, CaseIterable {
    case note, tip, important, warning, caution

    /// The title a reader sees: the kind said in words, not by colour alone.
    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

package struct Footnote: Sendable, Equatable {
    package var number: Int
    package var blocks: [MarkdownBlock]
    /// How many references point at it; each gets a link back.
    package var references: Int
}

/// Not `indirect` as a whole: that boxed every text run on the heap, one allocation per node. Arrays already hold
/// the nested ones; only the cases larger than a string are boxed.
package enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    indirect case link(Link, [MarkdownInline])
    indirect case image(Link, alt: [MarkdownInline])
    case strikethrough([MarkdownInline])
    /// `[^label]`; `number` and `occurrence` (1 for the first reference to a note) are given once the whole
    /// document is read.
    indirect case footnoteReference(label: String, number: Int, occurrence: Int)
    /// A task list item's `[ ]` or `[x]`, at the start of its first paragraph.
    case taskMarker(checked: Bool)
}

/// A link or image destination and where it is, for messages.
package struct Link: Sendable, Equatable {
    package var url: String
    package var title: String
    package var isImage: Bool
    /// Line in the parsed text: cmark keeps positions for blocks only, so this is the line of the enclosing
    /// block that holds the destination's text.
    package var line: Int
}
