import CCmark

/// A Markdown document as Swift values. libcmark parses it, and its tree lives only inside `init(parsing:)`: it is
/// converted there and freed there (as swift-markdown's converter does), so nothing can touch a freed node. The
/// build rewrites and renders the values (`MarkdownHTML`).
package struct MarkdownDocument: Sendable, Equatable {
    var blocks: [MarkdownBlock]

    /// Deeper nesting (quotes in lists in quotes…) is refused: the values and their renderer are recursive, and
    /// a page renders on a worker thread with a small stack. No real page comes near it.
    static let maximumDepth = 100

    struct TooDeep: Error, Equatable {
        /// The line where the too-deep part starts, in the parsed text.
        let line: Int
    }

    init(blocks: [MarkdownBlock]) { self.blocks = blocks }

    init(parsing text: some StringProtocol) throws(TooDeep) {
        var source = String(text)
        let root = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_UNSAFE) }
        }
        guard let root else {
            blocks = []
            return
        }
        defer { cmark_node_free(root) }
        if let line = Self.lineTooDeep(root) { throw TooDeep(line: line) }
        var converter = CmarkConverter(source: source)
        blocks = converter.blocks(under: root)
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
            if Self.isContainer(node) { depth += 1 }
            if depth > maximumDepth { return CmarkConverter.blockLine(of: node) }
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

package indirect enum MarkdownBlock: Sendable, Equatable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline], line: Int)
    case codeBlock(CodeBlock)
    /// Raw HTML, also what a highlighted code block becomes.
    case html(String)
    case blockQuote([MarkdownBlock])
    case list(ListStyle, items: [[MarkdownBlock]])
    case thematicBreak
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

package indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(Link, [MarkdownInline])
    case image(Link, alt: [MarkdownInline])
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

/// Walks a cmark tree into values. The one place that reads cmark nodes.
private struct CmarkConverter {
    let source: String
    /// The source's bytes and where its lines start, found when a link first needs its line.
    private var lines: (bytes: [UInt8], starts: [Int])?

    init(source: String) { self.source = source }

    mutating func blocks(under parent: OpaquePointer) -> [MarkdownBlock] {
        children(of: parent).compactMap { block($0) }
    }

    private func children(of node: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            nodes.append(current)
            child = cmark_node_next(current)
        }
        return nodes
    }

    private mutating func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH: return .paragraph(inlines(under: node))
        case CMARK_NODE_HEADING:
            return .heading(
                level: Int(cmark_node_get_heading_level(node)), inlines(under: node), line: Int(cmark_node_get_start_line(node)))
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(
                CodeBlock(
                    info: Self.string(cmark_node_get_fence_info(node)), code: Self.string(cmark_node_get_literal(node)),
                    line: Int(cmark_node_get_start_line(node))))
        case CMARK_NODE_HTML_BLOCK: return .html(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote(blocks(under: node))
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let style = ListStyle(
                start: ordered ? Int(cmark_node_get_list_start(node)) : nil, tight: cmark_node_get_list_tight(node) != 0)
            return .list(style, items: children(of: node).map { blocks(under: $0) })
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        default: return nil
        }
    }

    private mutating func inlines(under parent: OpaquePointer) -> [MarkdownInline] {
        children(of: parent).compactMap { inline($0) }
    }

    private mutating func inline(_ node: OpaquePointer) -> MarkdownInline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .html(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlines(under: node))
        case CMARK_NODE_STRONG: return .strong(inlines(under: node))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
            let url = Self.string(cmark_node_get_url(node))
            let link = Link(
                url: url, title: Self.string(cmark_node_get_title(node)), isImage: isImage, line: line(of: node, containing: url))
            return isImage ? .image(link, alt: inlines(under: node)) : .link(link, inlines(under: node))
        default: return nil
        }
    }

    /// The line of the nearest block around `node` (inlines have no position of their own).
    static func blockLine(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let block = current, cmark_node_get_start_line(block) == 0 { current = cmark_node_parent(block) }
        return current.map { Int(cmark_node_get_start_line($0)) } ?? 1
    }

    /// The line, within the lines of the block that holds `node`, where `needle` appears.
    private mutating func line(of node: OpaquePointer, containing needle: String) -> Int {
        var current: OpaquePointer? = node
        while let block = current, cmark_node_get_start_line(block) == 0 { current = cmark_node_parent(block) }
        guard let block = current else { return 1 }
        let start = Int(cmark_node_get_start_line(block))
        let end = max(start, Int(cmark_node_get_end_line(block)))
        let (utf8, starts) = lines ?? Self.lines(of: source)
        lines = (utf8, starts)
        let pattern = Array(needle.utf8)
        for line in start...end where line - 1 < starts.count {
            let lineEnd = line < starts.count ? starts[line] : utf8.count
            if ByteSearch.contains(pattern, in: utf8[starts[line - 1]..<lineEnd]) { return line }
        }
        return start
    }

    private static func lines(of text: String) -> (bytes: [UInt8], starts: [Int]) {
        let bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        return (bytes, starts)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
