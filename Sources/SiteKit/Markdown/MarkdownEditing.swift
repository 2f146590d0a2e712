/// What the build reads from and changes in a document, on values. The rewriting function `throws` rather than
/// `rethrow`: Swift 6.3 miscompiles a rethrowing recursion through a throwing closure (a crash as soon as the
/// closure throws, as a link to a missing page does), and `MarkdownRewriteErrorTests` keeps that case covered.
extension MarkdownDocument {
    struct Heading: Equatable, Sendable {
        var level: Int
        var text: String
        var line: Int
    }

    /// Every heading, in order, with its plain text.
    var headings: [Heading] {
        var found: [Heading] = []
        visitBlocks { block in
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
        try MarkdownDocument(blocks: blocks.map { try $0.mappingCodeBlocks(rewrite) })
    }

    /// Every inline of every paragraph and heading, nested ones included, in document order.
    private func visitInlines(_ visit: (MarkdownInline) -> Void) {
        visitBlocks { block in
            switch block {
            case .paragraph(let inlines), .heading(_, let inlines, _): MarkdownInline.visit(inlines, visit)
            default: break
            }
        }
    }

    private func visitBlocks(_ visit: (MarkdownBlock) -> Void) {
        func walk(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                visit(block)
                switch block {
                case .blockQuote(let children): walk(children)
                case .list(_, let items): items.forEach(walk)
                default: break
                }
            }
        }
        walk(blocks)
    }
}

extension MarkdownBlock {
    fileprivate func mappingCodeBlocks(_ rewrite: (CodeBlock) throws -> MarkdownBlock) throws -> MarkdownBlock {
        switch self {
        case .codeBlock(let block): return try rewrite(block)
        case .blockQuote(let children): return .blockQuote(try children.map { try $0.mappingCodeBlocks(rewrite) })
        case .list(let style, let items):
            return .list(style, items: try items.map { try $0.map { try $0.mappingCodeBlocks(rewrite) } })
        case .paragraph, .heading, .html, .thematicBreak: return self
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

    static func visit(_ inlines: [MarkdownInline], _ body: (MarkdownInline) -> Void) {
        for inline in inlines {
            body(inline)
            switch inline {
            case .emphasis(let children), .strong(let children), .link(_, let children), .image(_, let children):
                visit(children, body)
            default: break
            }
        }
    }
}
