import CCmark
import Foundation

/// A Markdown document parsed by libcmark. This is the only type that touches cmark nodes: it owns the tree,
/// frees it, and hands out Swift values only.
final class MarkdownDocument {
    struct Heading: Equatable {
        var level: Int
        var text: String
        var line: Int
    }

    struct Link {
        var url: String
        var isImage: Bool
        /// Where the link is; found on demand (only error messages need it).
        var line: () -> Int
    }

    struct CodeBlock: Equatable {
        var info: String
        var code: String
        var line: Int
    }

    private let root: OpaquePointer
    /// The nodes the build looks at, found in one walk of the tree.
    private let headingNodes: [OpaquePointer]
    private let linkNodes: [OpaquePointer]
    private var codeBlockNodes: [OpaquePointer]
    private let htmlNodes: [OpaquePointer]
    private let source: String
    /// Byte offsets where lines start, found only when a link's line is asked for.
    private lazy var lineStarts: [Int] = {
        var starts = [0]
        var offset = 0
        for byte in source.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        return starts
    }()

    init(parsing text: some StringProtocol) {
        var string = String(text)
        root = string.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_UNSAFE) }
        }
        source = string
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        var html: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: html.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)
        headingNodes = headings
        linkNodes = links
        codeBlockNodes = codeBlocks
        htmlNodes = html
    }

    /// Set once rendered: the tree is freed right away, on the rendering thread, rather than all at the end.
    private var isFreed = false

    deinit { if !isFreed { cmark_node_free(root) } }

    var headings: [Heading] {
        precondition(!isFreed, "the document was rendered and freed")
        return headingNodes.map {
            Heading(
                level: Int(cmark_node_get_heading_level($0)), text: plainText(of: $0), line: Int(cmark_node_get_start_line($0)))
        }
    }

    /// Literal text of raw HTML blocks and inlines, where authors may set their own `id` attributes.
    var rawHTML: [String] {
        precondition(!isFreed, "the document was rendered and freed")
        return htmlNodes.map { string(cmark_node_get_literal($0)) }
    }

    /// Replaces each link and image destination with what `rewrite` returns for it.
    func rewriteLinks(_ rewrite: (Link) throws -> String) rethrows {
        precondition(!isFreed, "the document was rendered and freed")
        for node in linkNodes {
            let url = string(cmark_node_get_url(node))
            let link = Link(
                url: url, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                line: { self.line(of: node, containing: url) })
            let newURL = try rewrite(link)
            if newURL != url { cmark_node_set_url(node, newURL) }
        }
    }

    /// Replaces each fenced or indented code block with what `rewrite` returns for it.
    func rewriteCodeBlocks(_ rewrite: (CodeBlock) throws -> CodeBlock) rethrows {
        precondition(!isFreed, "the document was rendered and freed")
        for node in codeBlockNodes {
            let block = codeBlock(node)
            let newBlock = try rewrite(block)
            if newBlock.info != block.info { cmark_node_set_fence_info(node, newBlock.info) }
            if newBlock.code != block.code { cmark_node_set_literal(node, newBlock.code) }
        }
    }

    /// Replaces code blocks with finished HTML where `html` returns some (build-time highlighting); the others
    /// stay code blocks.
    func replaceCodeBlocks(_ html: (CodeBlock) -> String?) {
        precondition(!isFreed, "the document was rendered and freed")
        var remaining: [OpaquePointer] = []
        for node in codeBlockNodes {
            let block = codeBlock(node)
            guard let replacement = html(block), let htmlNode = cmark_node_new(CMARK_NODE_HTML_BLOCK) else {
                remaining.append(node)
                continue
            }
            cmark_node_set_literal(htmlNode, replacement)
            cmark_node_insert_before(node, htmlNode)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        codeBlockNodes = remaining
    }

    /// Renders the document as HTML, once (it replaces the heading nodes): headings get the given ids (in document order) and a link to
    /// themselves.
    func renderHTML(headingIDs: [String]) -> String {
        for (node, id) in zip(headingNodes, headingIDs) {
            let level = cmark_node_get_heading_level(node)
            var html = render(node)
            let open = "<h\(level)>"
            let close = "</h\(level)>\n"
            guard html.hasPrefix(open), html.hasSuffix(close) else { continue }
            let inner = html.dropFirst(open.count).dropLast(close.count)
            html =
                "<h\(level) id=\"\(id)\">\(inner) <a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
            let replacement = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
            cmark_node_set_literal(replacement, html)
            cmark_node_insert_before(node, replacement)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        precondition(!isFreed, "the document was rendered and freed")
        let html = render(root)
        cmark_node_free(root)
        isFreed = true
        return html
    }

    // MARK: - Tree access

    private func codeBlock(_ node: OpaquePointer) -> CodeBlock {
        CodeBlock(
            info: string(cmark_node_get_fence_info(node)), code: string(cmark_node_get_literal(node)),
            line: Int(cmark_node_get_start_line(node)))
    }

    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    /// cmark keeps source positions for blocks only, so an inline's line is found by looking for its text
    /// within the lines of the block that holds it.
    private func line(of node: OpaquePointer, containing needle: String) -> Int {
        var block: OpaquePointer? = node
        while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
        guard let block else { return 1 }
        let start = Int(cmark_node_get_start_line(block))
        let end = max(start, Int(cmark_node_get_end_line(block)))
        let starts = lineStarts
        let utf8 = source.utf8
        for line in start...end where line - 1 < starts.count {
            let lineEnd = line < starts.count ? starts[line] : utf8.count
            let text = source[
                utf8.index(utf8.startIndex, offsetBy: starts[line - 1])..<utf8.index(utf8.startIndex, offsetBy: lineEnd)]
            if text.containsBytes(needle) { return line }
        }
        return start
    }

    private func render(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
