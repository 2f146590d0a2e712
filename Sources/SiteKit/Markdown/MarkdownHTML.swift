/// Renders Markdown values as HTML, byte for byte as libcmark's HTML renderer does (with `CMARK_OPT_UNSAFE`:
/// raw HTML passes through). The tests hold it to that against libcmark itself, on the site's pages, generated
/// documents and fuzzed input. Headings can get ids and a link to themselves.
package struct MarkdownHTML {
    private var output: [UInt8] = []
    private var headingIDs: IndexingIterator<[String]>?
    private var destinations: [String: String] = [:]

    /// - Parameters:
    ///   - headingIDs: ids for the headings in document order; nil renders headings as cmark does.
    ///   - destinations: what each link or image destination written in the document becomes (the build's
    ///     resolved links); one not listed is written as it is. A lookup, not a rewritten copy of the tree.
    package static func render(_ document: MarkdownDocument, headingIDs: [String]? = nil, destinations: [String: String] = [:])
        -> String
    {
        var renderer = MarkdownHTML()
        renderer.output.reserveCapacity(4096)
        renderer.headingIDs = headingIDs?.makeIterator()
        renderer.destinations = destinations
        renderer.blocks(document.blocks, tight: false)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// A line break unless at the start or already after one (cmark's `cr`).
    private mutating func newline() {
        if let last = output.last, last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
    }

    private mutating func blocks(_ blocks: [MarkdownBlock], tight: Bool) {
        for block in blocks { self.block(block, tight: tight) }
    }

    private mutating func block(_ block: MarkdownBlock, tight: Bool) {
        switch block {
        case .paragraph(let inlines):
            if tight {
                self.inlines(inlines)
            } else {
                newline()
                append("<p>")
                self.inlines(inlines)
                append("</p>\n")
            }
        case .heading(let level, let inlines, _):
            newline()
            let digit = UInt8(ascii: "0") + UInt8(clamping: level)
            append("<h")
            output.append(digit)
            let id = headingIDs?.next()
            if let id {
                append(" id=\"")
                HTML.escape(id, into: &output)
                append("\"")
            }
            append(">")
            self.inlines(inlines)
            if let id {
                append(" <a class=\"anchor\" href=\"#")
                HTML.escape(id, into: &output)
                append("\" aria-label=\"Link to this section\">#</a>")
            }
            append("</h")
            output.append(digit)
            append(">\n")
        case .codeBlock(let code):
            newline()
            let language = code.info.utf8.prefix { !Self.isSpace($0) }
            if language.isEmpty {
                append("<pre><code>")
            } else {
                append("<pre><code class=\"language-")
                for byte in language { HTML.escape(byte, into: &output) }
                append("\">")
            }
            HTML.escape(code.code, into: &output)
            append("</code></pre>\n")
        case .html(let html):
            newline()
            output.append(contentsOf: html.utf8)
            newline()
        case .blockQuote(let children):
            newline()
            append("<blockquote>\n")
            blocks(children, tight: false)
            newline()
            append("</blockquote>\n")
        case .list(let style, let items):
            newline()
            switch style.start {
            case nil: append("<ul>\n")
            case 1?: append("<ol>\n")
            case let start?:
                append("<ol start=\"")
                output.append(contentsOf: String(start).utf8)
                append("\">\n")
            }
            for item in items {
                newline()
                append("<li>")
                blocks(item, tight: style.tight)
                append("</li>\n")
            }
            newline()
            append(style.start == nil ? "</ul>\n" : "</ol>\n")
        case .thematicBreak:
            newline()
            append("<hr />\n")
        }
    }

    private mutating func inlines(_ inlines: [MarkdownInline]) {
        for inline in inlines {
            switch inline {
            case .text(let text): HTML.escape(text, into: &output)
            case .softBreak: output.append(UInt8(ascii: "\n"))
            case .lineBreak: append("<br />\n")
            case .code(let code):
                append("<code>")
                HTML.escape(code, into: &output)
                append("</code>")
            case .html(let html): output.append(contentsOf: html.utf8)
            case .emphasis(let children):
                append("<em>")
                self.inlines(children)
                append("</em>")
            case .strong(let children):
                append("<strong>")
                self.inlines(children)
                append("</strong>")
            case .link(let link, let children):
                append("<a href=\"")
                escapeURL(destinations[link.url] ?? link.url)
                append("\"")
                title(link.title)
                append(">")
                self.inlines(children)
                append("</a>")
            case .image(let link, let alt):
                append("<img src=\"")
                escapeURL(destinations[link.url] ?? link.url)
                append("\" alt=\"")
                plain(alt)
                append("\"")
                title(link.title)
                append(" />")
            }
        }
    }

    private mutating func title(_ title: String) {
        guard !title.isEmpty else { return }
        append(" title=\"")
        HTML.escape(title, into: &output)
        append("\"")
    }

    /// An image's description as text, the way cmark writes `alt`.
    private mutating func plain(_ inlines: [MarkdownInline]) {
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text), .html(let text): HTML.escape(text, into: &output)
            case .softBreak, .lineBreak: output.append(UInt8(ascii: " "))
            case .emphasis(let children), .strong(let children), .link(_, let children), .image(_, let children): plain(children)
            }
        }
    }

    /// A destination as cmark's houdini writes it: URL characters kept, `&` and `'` as entities, the rest as %XX.
    private mutating func escapeURL(_ url: String) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "'"): append("&#x27;")
            case _ where Self.urlSafe[Int(byte)]: output.append(byte)
            default: output.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
    }

    private static let urlSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+!*(),%#@?=;:/$~".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
