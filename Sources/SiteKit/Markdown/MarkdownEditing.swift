/// What the build reads from and changes in a document, on values. The rewriting function `throws` rather than
/// `rethrow`: Swift 6.3 miscompiles a rethrowing recursion through a throwing closure (a crash as soon as the
/// closure throws, as a link to a missing page does), and `MarkdownRewriteErrorTests` keeps that case covered.
extension MarkdownDocument {
    struct Heading: Equatable, Sendable {
        var level: Int
        var text: String
        var line: Int
    }

    /// Every heading of the document (not of its footnotes), in order, with its plain text.
    var headings: [Heading] {
        var found: [Heading] = []
        visitBlocks(includingFootnotes: false) { block in
            if case .heading(let level, let inlines, let line) = block {
                found.append(Heading(level: level, text: MarkdownInline.plainText(inlines), line: line))
            }
        }
        return found
    }

    /// Literal text of raw HTML blocks and inlines, where authors may set their own `id` attributes.
    var rawHTML: [String] {
        var found: [String] = []
        visitBlocks { if case .html(let html) = $0 { found.append(html) } }
        visitInlines { if case .html(let html) = $0 { found.append(html) } }
        return found
    }

    /// Every link and image, in document order (the order the renderer meets them).
    package var links: [Link] {
        var found: [Link] = []
        visitInlines { inline in
            switch inline {
            case .link(let link, _), .image(let link, _): found.append(link)
            default: break
            }
        }
        return found
    }

    /// The document with each code block replaced by what `rewrite` returns for it: another code block, or
    /// finished HTML (`.html`, as build-time highlighting makes).
    package func rewritingCodeBlocks(_ rewrite: (CodeBlock) throws -> MarkdownBlock) throws -> MarkdownDocument {
        var notes = footnotes
        for index in notes.indices { notes[index].blocks = try notes[index].blocks.map { try $0.mappingCodeBlocks(rewrite) } }
        var document = MarkdownDocument(blocks: try blocks.map { try $0.mappingCodeBlocks(rewrite) }, footnotes: notes)
        document.warnings = warnings
        return document
    }

    /// Every inline of every paragraph, heading and table cell, nested ones included, in document order (the
    /// footnotes last, where they are rendered).
    private func visitInlines(_ visit: (MarkdownInline) -> Void) {
        visitBlocks { block in
            switch block {
            case .paragraph(let inlines), .heading(_, let inlines, _): MarkdownInline.visit(inlines, visit)
            case .table(let table):
                for cell in table.header + table.rows.flatMap({ $0 }) { MarkdownInline.visit(cell, visit) }
            default: break
            }
        }
    }

    private func visitBlocks(includingFootnotes: Bool = true, _ visit: (MarkdownBlock) -> Void) {
        func walk(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                visit(block)
                switch block {
                case .blockQuote(let children), .alert(_, let children): walk(children)
                case .list(_, let items): items.forEach(walk)
                default: break
                }
            }
        }
        walk(blocks)
        if includingFootnotes { footnotes.forEach { walk($0.blocks) } }
    }
}

extension MarkdownBlock {
    fileprivate func mappingCodeBlocks(_ rewrite: (CodeBlock) throws -> MarkdownBlock) throws -> MarkdownBlock {
        switch self {
        case .codeBlock(let block): return try rewrite(block)
        case .blockQuote(let children): return .blockQuote(try children.map { try $0.mappingCodeBlocks(rewrite) })
        case .alert(let kind, let children): return .alert(kind, try children.map { try $0.mappingCodeBlocks(rewrite) })
        case .list(let style, let items):
            return .list(style, items: try items.map { try $0.map { try $0.mappingCodeBlocks(rewrite) } })
        case .paragraph, .heading, .html, .thematicBreak, .table: return self
        }
    }

    /// The block with `transform` applied to each run of inlines it holds (paragraphs, headings, table cells),
    /// nested blocks included.
    func mappingInlines(_ transform: ([MarkdownInline]) -> [MarkdownInline]) -> MarkdownBlock {
        switch self {
        case .paragraph(let inlines): return .paragraph(transform(inlines))
        case .heading(let level, let inlines, let line): return .heading(level: level, transform(inlines), line: line)
        case .blockQuote(let children): return .blockQuote(children.map { $0.mappingInlines(transform) })
        case .alert(let kind, let children): return .alert(kind, children.map { $0.mappingInlines(transform) })
        case .list(let style, let items): return .list(style, items: items.map { $0.map { $0.mappingInlines(transform) } })
        case .table(var table):
            table.header = table.header.map(transform)
            table.rows = table.rows.map { $0.map(transform) }
            return .table(table)
        case .codeBlock, .html, .thematicBreak: return self
        }
    }

    /// The block with every line it records moved by `offset` (a footnote parsed on its own, put back in place).
    func shiftingLines(by offset: Int) -> MarkdownBlock {
        func shift(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
            MarkdownInline.mappingLinks(inlines) { $0.line += offset }
        }
        switch self {
        case .heading(let level, let inlines, let line): return .heading(level: level, shift(inlines), line: line + offset)
        case .codeBlock(var block):
            block.line += offset
            return .codeBlock(block)
        case .blockQuote(let children): return .blockQuote(children.map { $0.shiftingLines(by: offset) })
        case .alert(let kind, let children): return .alert(kind, children.map { $0.shiftingLines(by: offset) })
        case .list(let style, let items): return .list(style, items: items.map { $0.map { $0.shiftingLines(by: offset) } })
        default: return mappingInlines(shift)
        }
    }
}

extension MarkdownInline {
    /// The text a reader sees, without markup: text and code spans, breaks as spaces.
    static func plainText(_ inlines: [MarkdownInline]) -> String {
        var text = ""
        visit(inlines) { inline in
            switch inline {
            case .text(let literal), .code(let literal): text += literal
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }

    /// The inlines with `change` applied to every link and image destination, nested ones included.
    static func mappingLinks(_ inlines: [MarkdownInline], _ change: (inout Link) -> Void) -> [MarkdownInline] {
        inlines.map { inline in
            switch inline {
            case .link(var link, let children):
                change(&link)
                return .link(link, mappingLinks(children, change))
            case .image(var link, let alt):
                change(&link)
                return .image(link, alt: mappingLinks(alt, change))
            case .emphasis(let children): return .emphasis(mappingLinks(children, change))
            case .strong(let children): return .strong(mappingLinks(children, change))
            case .strikethrough(let children): return .strikethrough(mappingLinks(children, change))
            default: return inline
            }
        }
    }

    static func visit(_ inlines: [MarkdownInline], _ body: (MarkdownInline) -> Void) {
        for inline in inlines {
            body(inline)
            switch inline {
            case .emphasis(let children), .strong(let children), .link(_, let children), .image(_, let children),
                .strikethrough(let children):
                visit(children, body)
            default: break
            }
        }
    }
}
