import CCmark

/// One run of libcmark over Markdown text, converted to values with GitHub's extensions applied where the tree and
/// the source's lines tell them. libcmark does all inline parsing, table cells included; the tree never leaves
/// this file. With `CmarkArena`, which gives libcmark its memory, the only user of CCmark.
enum CmarkParse {
    /// What one document's parse shares between its parts.
    final class Context {
        let source: String
        /// Footnote references, numbered as they are met.
        let footnotes: FootnoteNumbering
        /// False to read CommonMark alone.
        let gitHub: Bool

        init(source: String, footnotes: FootnoteNumbering, gitHub: Bool) {
            self.source = source
            self.footnotes = footnotes
            self.gitHub = gitHub
        }

        /// The document's link reference definitions, for text parsed on its own (table cells, footnotes), so that
        /// `[text][ref]` there finds its definition; found when first needed.
        lazy var references = ReferenceDefinitions(source: gitHub ? source : "", resolve: CmarkParse.resolve)

        /// Definitions for the labels `text` may use, when it may use any.
        func referenceDefinitions(for text: String) -> String {
            text.containsByte(UInt8(ascii: "[")) ? references.definitions(for: text) : ""
        }
    }

    /// Where each label points, as libcmark reads `definitions`: one `[label]` paragraph per label ahead of them
    /// (libcmark resolves references once every block is read, and nothing in the definitions can swallow a
    /// paragraph before them), each a link when the label is defined.
    static func resolve(_ definitions: String, labels: [String]) -> [ReferenceDefinitions.Target?] {
        CmarkArena.enter()
        defer { CmarkArena.leave() }
        var targets = [ReferenceDefinitions.Target?](repeating: nil, count: labels.count)
        let probes = labels.map { "[\($0)]" }.joined(separator: "\n\n")
        guard let root = parse(probes + "\n\n" + definitions) else { return targets }
        defer { cmark_node_free(root) }
        var child = cmark_node_first_child(root)
        while let node = child {
            child = cmark_node_next(node)
            // Probe i is the paragraph on line 2i + 1.
            let line = Int(cmark_node_get_start_line(node))
            guard line % 2 == 1, (line - 1) / 2 < labels.count else { break }
            guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, let link = cmark_node_first_child(node),
                cmark_node_get_type(link) == CMARK_NODE_LINK, cmark_node_next(link) == nil
            else { continue }
            targets[(line - 1) / 2] = ReferenceDefinitions.Target(
                url: cmark_node_get_url(link).map { String(cString: $0) } ?? "",
                title: cmark_node_get_title(link).map { String(cString: $0) } ?? "")
        }
        return targets
    }

    /// - Parameter withReferences: parse a part of the document on its own (a footnote) with the document's link
    ///   reference definitions after it, so its `[text][ref]` links resolve; their lines give no blocks.
    static func blocks(
        _ text: String, context: Context, warnings: inout [MarkdownWarning], withReferences: Bool = false
    ) throws(MarkdownDocument.Refused) -> [MarkdownBlock] {
        // Every tree of this parse (a table's cells are parsed apart) lives in the thread's arena until it ends.
        CmarkArena.enter()
        defer { CmarkArena.leave() }
        let references = withReferences ? context.referenceDefinitions(for: text) : ""
        guard let root = parse(references.isEmpty ? text : text + "\n\n" + references) else { return [] }
        defer { cmark_node_free(root) }
        if let line = lineTooDeep(root) { throw MarkdownDocument.Refused(line: line, reason: .tooDeep) }
        var converter = CmarkConverter(source: text, context: context)
        let lastLine = references.isEmpty ? Int.max : SourceLines(text).count
        let blocks = converter.blocks(under: root, through: lastLine)
        warnings += converter.warnings
        // Escaped characters stay marked through the GFM steps, and only then become themselves.
        guard text.containsByte(UInt8(ascii: "\\")) else { return blocks }
        return blocks.map { $0.mappingInlines(ProtectedEscapes.restore) }
    }

    /// The tree of `text`, with escaped `~`, `[` and `]` kept apart (`ProtectedEscapes`); nil when cmark fails.
    fileprivate static func parse(_ text: String) -> OpaquePointer? {
        precondition(CmarkArena.isActive, "a cmark tree must be made and dropped inside a parse (CmarkArena.enter)")
        var protected = ProtectedEscapes.protect(text)
        return protected.withUTF8 { bytes in
            // What cmark_parse_document does, with the arena's allocator.
            guard let parser = cmark_parser_new_with_mem(CMARK_OPT_UNSAFE, CmarkArena.allocator) else { return nil }
            defer { cmark_parser_free(parser) }
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            return cmark_parser_finish(parser)
        }
    }

    /// The inlines of one-line texts (table cells), parsed as one document of paragraphs: an `x ` ahead of each
    /// keeps a cell that starts like a block (`# a`, `- a`, `1. a`, `<div>`) a paragraph, as GFM reads cells
    /// as inline content only.
    fileprivate static func cellInlines(_ cells: [String], context: Context) -> [[MarkdownInline]] {
        // A reference link needs a bracket: only then are the document's definitions worth adding.
        let references =
            cells.contains { $0.containsByte(UInt8(ascii: "[")) }
            ? context.references.definitions(for: cells.joined(separator: "\n")) : ""
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.reduce(references.utf8.count + 2) { $0 + $1.utf8.count + 4 })
        for cell in cells {
            bytes += "x ".utf8
            bytes += cell.utf8
            bytes += "\n\n".utf8
        }
        bytes += references.utf8
        let text = String(decoding: bytes, as: UTF8.self)
        guard let root = parse(text) else { return cells.map { _ in [] } }
        defer { cmark_node_free(root) }
        var converter = CmarkConverter(source: text, context: context)
        var paragraphs = converter.children(of: root).prefix(cells.count).map { node -> [MarkdownInline] in
            cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH ? converter.inlines(under: node) : []
        }
        while paragraphs.count < cells.count { paragraphs.append([]) }
        // Edited in place: a copy of each cell's inlines would be copied again on write.
        for index in paragraphs.indices {
            guard case .text(let first)? = paragraphs[index].first, first.utf8.first == UInt8(ascii: "x") else { continue }
            let rest = first.utf8.dropFirst(first.utf8.dropFirst().first == 0x20 ? 2 : 1)
            if rest.isEmpty { paragraphs[index].removeFirst() } else { paragraphs[index][0] = .text(String(Substring(rest))) }
        }
        return paragraphs
    }

    /// The first line nested deeper than `maximumDepth`, or nil.
    private static func lineTooDeep(_ root: OpaquePointer) -> Int? {
        guard let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        var depth = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_EXIT {
                depth -= 1
                continue
            }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            // Leaves (text, code…) get an ENTER and no EXIT.
            if isContainer(node) { depth += 1 }
            if depth > MarkdownDocument.maximumDepth { return CmarkConverter.blockLine(of: node) }
        }
        return nil
    }

    private static func isContainer(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_PARAGRAPH,
            CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK,
            CMARK_NODE_CUSTOM_INLINE:
            return true
        default: return false
        }
    }
}

/// Walks a cmark tree into values, applying the GFM steps: tables out of paragraphs, inline extensions, task list
/// items, alerts.
private struct CmarkConverter {
    let source: String
    let context: CmarkParse.Context
    var warnings: [MarkdownWarning] = []
    /// The source's lines, split when a table or a link first needs them.
    private var sourceLines: SourceLines?
    /// How many more bytes the search for links' lines may read.
    private var searchBudget: Int

    init(source: String, context: CmarkParse.Context) {
        self.source = source
        self.context = context
        searchBudget = 4 * source.utf8.count + 65_536
    }

    /// The blocks of `parent`'s children that start on or before `lastLine`.
    mutating func blocks(under parent: OpaquePointer, through lastLine: Int = .max) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        result.reserveCapacity(Self.childCount(of: parent))
        var child = cmark_node_first_child(parent)
        while let node = child {
            if Int(cmark_node_get_start_line(node)) <= lastLine { append(node, to: &result) }
            child = cmark_node_next(node)
        }
        return result
    }

    /// How many children `node` has: walking the siblings costs less than growing an array of values a few times
    /// (growing was a fifteenth of a build).
    static func childCount(of node: OpaquePointer) -> Int {
        var count = 0
        var child = cmark_node_first_child(node)
        while let current = child {
            count += 1
            child = cmark_node_next(current)
        }
        return count
    }

    func children(of node: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        nodes.reserveCapacity(Self.childCount(of: node))
        var child = cmark_node_first_child(node)
        while let current = child {
            nodes.append(current)
            child = cmark_node_next(current)
        }
        return nodes
    }

    /// Appends the block or blocks `node` becomes (a paragraph holding a table becomes several).
    mutating func append(_ node: OpaquePointer, to result: inout [MarkdownBlock]) {
        let line = Int(cmark_node_get_start_line(node))
        let lines = line...max(line, Int(cmark_node_get_end_line(node)))
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            if context.gitHub, let split = table(in: node, setextUnderline: false) {
                result += split
                return
            }
            result.append(.paragraph(gfm(inlines(under: node), lines: lines)))
        case CMARK_NODE_HEADING:
            if context.gitHub, let split = table(in: node, setextUnderline: true) {
                result += split
                return
            }
            result.append(
                .heading(level: Int(cmark_node_get_heading_level(node)), gfm(inlines(under: node), lines: lines), line: line))
        case CMARK_NODE_CODE_BLOCK:
            let info = ProtectedEscapes.restoreText(Self.string(cmark_node_get_fence_info(node)))
            let code = ProtectedEscapes.restoreLiteral(Self.string(cmark_node_get_literal(node)))
            result.append(.codeBlock(CodeBlock(info: info, code: code, line: line)))
        case CMARK_NODE_HTML_BLOCK:
            result.append(.html(ProtectedEscapes.restoreLiteral(Self.string(cmark_node_get_literal(node)))))
        case CMARK_NODE_BLOCK_QUOTE:
            let children = blocks(under: node)
            // GitHub makes alerts of top-level quotes only.
            let topLevel =
                context.gitHub && cmark_node_parent(node).map { cmark_node_get_type($0) == CMARK_NODE_DOCUMENT } ?? false
            result.append((topLevel ? GFMBlocks.alert(in: children) : nil) ?? .blockQuote(children))
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let style = ListStyle(
                start: ordered ? Int(cmark_node_get_list_start(node)) : nil, tight: cmark_node_get_list_tight(node) != 0)
            let items = children(of: node).map { blocks(under: $0) }
            result.append(.list(style, items: context.gitHub ? items.map(GFMBlocks.taskItem) : items))
        case CMARK_NODE_THEMATIC_BREAK: result.append(.thematicBreak)
        default: break
        }
    }

    /// The inline extensions on a block's inlines: strikethrough, extended autolinks, footnote references.
    private mutating func gfm(_ inlines: [MarkdownInline], lines: ClosedRange<Int>) -> [MarkdownInline] {
        guard context.gitHub else { return inlines }
        var steps = GFMInlines(footnotes: context.footnotes)
        let result = steps.apply(inlines)
        for label in steps.undefinedFootnotes {
            warnings.append(
                MarkdownWarning(
                    line: line(in: lines, containing: "[^\(label)]"),
                    message: "footnote reference [^\(label)] has no definition (`[^\(label)]: …`); it is shown as text"))
        }
        return result
    }

    mutating func inlines(under parent: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        result.reserveCapacity(Self.childCount(of: parent))
        // Adjacent texts as one, so the GFM steps see `~~a~~` or `[^1]` whole however cmark split them: appended
        // to one growing string rather than a new string made for each piece.
        var text: String?
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            guard let inline = inline(node) else { continue }
            if case .text(let piece) = inline {
                if text == nil { text = piece } else { text?.append(piece) }
                continue
            }
            if let run = text.take() { result.append(.text(run)) }
            result.append(inline)
        }
        if let run = text { result.append(.text(run)) }
        return result
    }

    private mutating func inline(_ node: OpaquePointer) -> MarkdownInline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(ProtectedEscapes.restoreLiteral(Self.string(cmark_node_get_literal(node))))
        case CMARK_NODE_HTML_INLINE: return .html(ProtectedEscapes.restoreLiteral(Self.string(cmark_node_get_literal(node))))
        case CMARK_NODE_EMPH: return .emphasis(inlines(under: node))
        case CMARK_NODE_STRONG: return .strong(inlines(under: node))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
            var url = Self.string(cmark_node_get_url(node))
            var title = Self.string(cmark_node_get_title(node))
            // A reference in text parsed on its own points at a marker for the page's definition.
            if url.hasPrefix(ReferenceDefinitions.markerPrefix), let target = context.references.target(forMarker: url) {
                (url, title) = (target.url, target.title)
            }
            let link = Link(url: url, title: title, isImage: isImage, line: line(in: Self.blockLines(of: node), containing: url))
            if DangerousURL.isDangerous(url) {
                warnings.append(
                    MarkdownWarning(
                        line: link.line,
                        message: "\(isImage ? "image" : "link") to a `\(url.prefix { $0 != ":" }.lowercased()):` URL is left "
                            + "without its \(isImage ? "src" : "href"), as GitHub leaves it"))
            }
            return isImage ? .image(link, alt: inlines(under: node)) : .link(link, inlines(under: node))
        default: return nil
        }
    }

    // MARK: - Tables

    /// The blocks a paragraph (or a setext heading's text) becomes when its lines hold a GFM table: the lines
    /// before the header as a paragraph, the table, and what follows it; nil when they hold none.
    private mutating func table(in node: OpaquePointer, setextUnderline: Bool) -> [MarkdownBlock]? {
        let first = Int(cmark_node_get_start_line(node))
        var last = Int(cmark_node_get_end_line(node))
        guard last > first else { return nil }
        let lines = sourceLines ?? SourceLines(source)
        sourceLines = lines
        // Most paragraphs have no line that could be a delimiter row, and are no table.
        guard ((first + 1)...last).contains(where: { GFMTables.mayBeDelimiter(lines.line($0)) }) else { return nil }
        // A setext heading's end may sit on the line after its underline.
        while last > first, lines.line(last).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { last -= 1 }
        var underline: ArraySlice<UInt8>? = nil
        if setextUnderline {
            guard last - 1 > first else { return nil }
            underline = lines.line(last)
            last -= 1
        }
        let containerMarkers = Self.blockQuoteDepth(of: node)
        var rows: [ArraySlice<UInt8>] = []
        for number in first...last {
            var text = lines.line(number)
            if number == first {
                text = text.dropFirst(max(0, Int(cmark_node_get_start_column(node)) - 1))
            } else {
                text = SourceLines.droppingBlockQuoteMarkers(text, depth: containerMarkers)
            }
            rows.append(SourceLines.trimmingSpaces(text))
        }
        guard let found = GFMTables.find(in: rows) else { return nil }
        var result: [MarkdownBlock] = []
        if found.header > 0 {
            result += reparsed(rows[..<found.header], unescapingPipes: true, lines: first...(first + found.header - 1))
        }
        let width = found.alignments.count
        var cells = found.headerCells
        for row in found.body { cells += row.prefix(width) + Array(repeating: "", count: max(0, width - row.count)) }
        // The cells were parsed as a text of their own: a link's line is its row's (the delimiter row is skipped).
        let parsed = CmarkParse.cellInlines(cells, context: context).enumerated().map { index, inlines in
            let row = index / width
            let line = first + found.header + (row == 0 ? 0 : row + 1)
            return gfm(MarkdownInline.mappingLinks(inlines) { $0.line = line }, lines: line...line)
        }
        result.append(
            .table(
                MarkdownTable(
                    alignments: found.alignments, header: Array(parsed.prefix(width)),
                    rows: stride(from: width, to: parsed.count, by: width).map { Array(parsed[$0..<($0 + width)]) })))
        if found.end < rows.count {
            result += reparsed(rows[found.end...], unescapingPipes: false, lines: (first + found.end)...last)
        }
        if let underline {
            // In GFM the table ends at a `---` line (a thematic break); a `===` line is one more row.
            if underline.contains(UInt8(ascii: "=")), case .table(var table)? = result.last {
                table.rows.append(
                    [[.text(String(decoding: SourceLines.trimmingSpaces(underline), as: UTF8.self))]]
                        + Array(repeating: [], count: width - 1))
                result[result.count - 1] = .table(table)
            } else {
                result.append(.thematicBreak)
            }
        }
        return result
    }

    /// Lines of a paragraph parsed again on their own, as the paragraph cmark-gfm keeps before a table's header.
    private mutating func reparsed(
        _ rows: ArraySlice<ArraySlice<UInt8>>, unescapingPipes: Bool, lines: ClosedRange<Int>
    ) -> [MarkdownBlock] {
        var text = rows.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        if unescapingPipes { text = text.replacingBytes("\\|", with: "|") }
        let references = context.referenceDefinitions(for: text)
        guard let root = CmarkParse.parse(text + "\n\n" + references) else { return [] }
        defer { cmark_node_free(root) }
        var nested = CmarkConverter(source: text, context: context)
        guard let paragraph = children(of: root).first, cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return [] }
        // Its links' lines are the page's, not the reparsed text's.
        let inlines = MarkdownInline.mappingLinks(nested.inlines(under: paragraph)) { link in
            link.line = line(in: lines, containing: link.url)
        }
        return [.paragraph(gfm(inlines, lines: lines))]
    }

    /// How many block quotes enclose `node`: their `>` markers start each of its lines but lazy ones.
    private static func blockQuoteDepth(of node: OpaquePointer) -> Int {
        var depth = 0
        var current = cmark_node_parent(node)
        while let parent = current {
            if cmark_node_get_type(parent) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            current = cmark_node_parent(parent)
        }
        return depth
    }

    // MARK: - Lines

    /// The line of the nearest block around `node` (inlines have no position of their own).
    static func blockLine(of node: OpaquePointer) -> Int { blockLines(of: node).lowerBound }

    /// The lines of the nearest block around `node`.
    static func blockLines(of node: OpaquePointer) -> ClosedRange<Int> {
        var current: OpaquePointer? = node
        while let block = current, cmark_node_get_start_line(block) == 0 { current = cmark_node_parent(block) }
        guard let block = current else { return 1...1 }
        let start = Int(cmark_node_get_start_line(block))
        return start...max(start, Int(cmark_node_get_end_line(block)))
    }

    /// The first of `lines` where `needle` appears; else the first of them.
    /// The first of `lines` where `needle` appears; else the first of them. A block's every link searches its
    /// lines, so the bytes read are held to a few times the text's (`searchBudget`): past that, a link's line is
    /// the first of its block's, and a paragraph of thousands of links on one line stays linear.
    private mutating func line(in lines: ClosedRange<Int>, containing needle: String) -> Int {
        let source = sourceLines ?? SourceLines(self.source)
        sourceLines = source
        return source.first(
            containing: Array(needle.utf8), from: lines.lowerBound, through: lines.upperBound, budget: &searchBudget)
            ?? lines.lowerBound
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
