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
    /// - Parameter capacity: the bytes to reserve for the HTML (an estimate from the source's length spares the
    ///   buffer's growing and copying on long pages).
    package static func render(
        _ document: MarkdownDocument, headingIDs: [String]? = nil, destinations: [String: String] = [:], capacity: Int = 4096
    ) -> String {
        var renderer = MarkdownHTML()
        renderer.output.reserveCapacity(capacity)
        renderer.headingIDs = headingIDs?.makeIterator()
        renderer.destinations = destinations
        renderer.blocks(document.blocks, tight: false)
        renderer.footnotes(document.footnotes)
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
        case .table(let table): self.table(table)
        case .alert(let kind, let children):
            // The kind is said in words (the title), not by colour alone.
            newline()
            append("<div class=\"markdown-alert markdown-alert-")
            output.append(contentsOf: kind.rawValue.utf8)
            append("\">\n<p class=\"markdown-alert-title\">")
            output.append(contentsOf: kind.title.utf8)
            append("</p>\n")
            blocks(children, tight: false)
            newline()
            append("</div>\n")
        }
    }

    /// As cmark-gfm's table extension writes it.
    private mutating func table(_ table: MarkdownTable) {
        newline()
        append("<table>\n<thead>\n")
        row(table.header, cell: "th", alignments: table.alignments)
        append("</thead>\n")
        if !table.rows.isEmpty {
            append("<tbody>\n")
            for cells in table.rows { row(cells, cell: "td", alignments: table.alignments) }
            append("</tbody>\n")
        }
        append("</table>\n")
    }

    private mutating func row(_ cells: [[MarkdownInline]], cell: StaticString, alignments: [MarkdownTable.Alignment?]) {
        append("<tr>\n")
        for (index, content) in cells.enumerated() {
            append("<")
            append(cell)
            switch index < alignments.count ? alignments[index] : nil {
            case .left?: append(" align=\"left\"")
            case .center?: append(" align=\"center\"")
            case .right?: append(" align=\"right\"")
            case nil: break
            }
            append(">")
            inlines(content)
            append("</")
            append(cell)
            append(">\n")
        }
        append("</tr>\n")
    }

    /// The notes after the content, each with a link back to every reference, as GitHub writes them.
    private mutating func footnotes(_ notes: [Footnote]) {
        guard !notes.isEmpty else { return }
        newline()
        append("<section class=\"footnotes\" data-footnotes>\n")
        append("<h2 id=\"footnote-label\" class=\"sr-only\">Footnotes</h2>\n<ol>\n")
        for note in notes {
            let number = String(note.number)
            append("<li id=\"fn-")
            output.append(contentsOf: number.utf8)
            append("\">\n")
            var blocks = note.blocks
            var backlinks: [MarkdownInline] = []
            for occurrence in 1...max(1, note.references) {
                if occurrence > 1 { backlinks.append(.text(" ")) }
                backlinks.append(.html(Self.backlink(number, occurrence)))
            }
            // The links back close the last paragraph, or stand in one of their own.
            if case .paragraph(let inlines)? = blocks.last {
                blocks[blocks.count - 1] = .paragraph(inlines + [.text(" ")] + backlinks)
            } else {
                blocks.append(.paragraph(backlinks))
            }
            let ids = headingIDs
            headingIDs = nil
            self.blocks(blocks, tight: false)
            headingIDs = ids
            newline()
            append("</li>\n")
        }
        append("</ol>\n</section>\n")
    }

    private static func backlink(_ number: String, _ occurrence: Int) -> String {
        let id = FootnoteIDs.reference(number, occurrence)
        let label = occurrence == 1 ? number : "\(number)-\(occurrence)"
        return "<a href=\"#\(id)\" data-footnote-backref aria-label=\"Back to reference \(label)\" class=\"footnote-backref\">↩"
            + (occurrence == 1 ? "" : "<sup>\(occurrence)</sup>") + "</a>"
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
                let destination = destinations[link.url] ?? link.url
                if DangerousURL.isDangerous(destination) {
                    append("<a")
                } else {
                    append("<a href=\"")
                    escapeURL(destination)
                    append("\"")
                }
                title(link.title)
                append(">")
                self.inlines(children)
                append("</a>")
            case .image(let link, let alt):
                let destination = destinations[link.url] ?? link.url
                if DangerousURL.isDangerous(destination) {
                    append("<img alt=\"")
                } else {
                    append("<img src=\"")
                    escapeURL(destination)
                    append("\" alt=\"")
                }
                plain(alt)
                append("\"")
                title(link.title)
                append(" />")
            case .strikethrough(let children):
                append("<del>")
                self.inlines(children)
                append("</del>")
            case .footnoteReference(_, let number, let occurrence):
                let text = String(number)
                append("<sup><a href=\"#")
                output.append(contentsOf: FootnoteIDs.note(text).utf8)
                append("\" id=\"")
                output.append(contentsOf: FootnoteIDs.reference(text, occurrence).utf8)
                append("\" data-footnote-ref aria-describedby=\"footnote-label\">")
                output.append(contentsOf: text.utf8)
                append("</a></sup>")
            case .taskMarker(let checked):
                append(
                    checked ? "<input checked=\"\" disabled=\"\" type=\"checkbox\"> " : "<input disabled=\"\" type=\"checkbox\"> "
                )
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
            case .emphasis(let children), .strong(let children), .link(_, let children), .image(_, let children),
                .strikethrough(let children):
                plain(children)
            case .footnoteReference(_, let number, _): output.append(contentsOf: String(number).utf8)
            case .taskMarker: break
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

/// The ids footnotes give a page: `fn-N` for note N, `fnref-N` for its first reference and `fnref-N-K` for the
/// K-th, and the notes' heading.
enum FootnoteIDs {
    static let heading = "footnote-label"
    static func note(_ number: String) -> String { "fn-" + number }
    static func reference(_ number: String, _ occurrence: Int) -> String {
        occurrence <= 1 ? "fnref-" + number : "fnref-\(number)-\(occurrence)"
    }

    /// Every id the notes of `document` put on the page.
    static func all(in document: MarkdownDocument) -> [String] {
        guard !document.footnotes.isEmpty else { return [] }
        return [heading]
            + document.footnotes.flatMap { note -> [String] in
                let number = String(note.number)
                return [self.note(number)] + (1...max(1, note.references)).map { reference(number, $0) }
            }
    }
}
