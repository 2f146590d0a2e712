/// A Markdown page: where it comes from, what its front matter says, where it goes in the site, and the little
/// that other pages need of it (headings, anchors). Its Markdown is kept as text and parsed again to render, so a
/// large site is never held in memory as documents.
package final class Page: Sendable {
    /// Path relative to the content folder, e.g. `guide/verify.md`.
    let sourcePath: String
    /// Path as shown in messages, e.g. `content/guide/verify.md`.
    let displayPath: String
    let frontMatter: FrontMatter
    /// The Markdown body, placeholders substituted.
    let body: String
    /// Lines before the Markdown body, so a body line maps back to a file line.
    let bodyLineOffset: Int
    let headings: [MarkdownDocument.Heading]
    package let headingIDs: [String]
    /// Heading ids, footnote ids and ids that raw HTML in the page sets: the targets a `#fragment` may name.
    package let anchors: Set<String>
    /// What the author should hear about, once per build.
    package let warnings: [SiteWarning]

    package init(sourcePath: String, displayPath: String, text: String, pin: ConnectPin, guardian: PinGuard) throws {
        self.sourcePath = sourcePath
        self.displayPath = displayPath
        let parts = try FrontMatter.split(text, file: displayPath)
        frontMatter = parts.frontMatter
        bodyLineOffset = parts.bodyLineOffset
        let body = pin.substitute(in: String(parts.body))
        try guardian.check(body, file: displayPath, firstLine: bodyLineOffset + 1)
        self.body = body
        let facts = Facts(
            of: try Self.parse(body, file: displayPath, lineOffset: parts.bodyLineOffset, purpose: .facts),
            file: displayPath, lineOffset: parts.bodyLineOffset)
        (headings, headingIDs, anchors, warnings) = (facts.headings, facts.headingIDs, facts.anchors, facts.warnings)
    }

    /// What other pages need of a page's document. Read from a `.facts` parse, and equal to what the whole
    /// document gives: the page fuzz harness holds the two to each other.
    package struct Facts: Equatable {
        let headings: [MarkdownDocument.Heading]
        let headingIDs: [String]
        let anchors: Set<String>
        let warnings: [SiteWarning]

        init(headings: [MarkdownDocument.Heading], headingIDs: [String], anchors: Set<String>, warnings: [SiteWarning]) {
            (self.headings, self.headingIDs, self.anchors, self.warnings) = (headings, headingIDs, anchors, warnings)
        }

        init(of document: MarkdownDocument, file: String, lineOffset: Int) {
            headings = document.headings
            // Footnotes' ids are taken first: a heading named "fn 1" gets `fn-1-1`, never a note's id.
            let footnoteIDs = FootnoteIDs.all(in: document)
            var slugger = HeadingSlugger(reserving: footnoteIDs)
            headingIDs = headings.map { slugger.slug(for: $0.text) }
            anchors = Set(headingIDs).union(footnoteIDs).union(document.rawHTML.flatMap(Page.htmlIDs))
            warnings = document.warnings.map { SiteWarning(file: file, line: $0.line + lineOffset, $0.message) }
        }
    }

    /// The facts kept from the first read, and those the whole `document` gives.
    package func facts(comparedWith document: MarkdownDocument) -> (kept: Facts, whole: Facts) {
        let kept = Facts(headings: headings, headingIDs: headingIDs, anchors: anchors, warnings: warnings)
        return (kept, Facts(of: document, file: displayPath, lineOffset: bodyLineOffset))
    }

    /// The body as Markdown values, for rendering.
    package func document() throws -> MarkdownDocument {
        try Self.parse(body, file: displayPath, lineOffset: bodyLineOffset)
    }

    private static func parse(
        _ body: String, file: String, lineOffset: Int, purpose: MarkdownDocument.Purpose = .rendering
    ) throws -> MarkdownDocument {
        do {
            return try MarkdownDocument(parsing: body, purpose: purpose)
        } catch {
            throw SiteError(
                file: file, line: error.line + lineOffset,
                "Markdown nested more than \(MarkdownDocument.maximumDepth) levels deep (quotes, lists, emphasis, links)")
        }
    }

    /// What the site's structure needs of this page.
    var facts: SiteSections.PageFacts {
        SiteSections.PageFacts(
            sourcePath: sourcePath, title: frontMatter.title, label: frontMatter.nav ?? frontMatter.title,
            description: frontMatter.description ?? "", urlPath: urlPath, order: frontMatter.order)
    }

    var isNotFoundPage: Bool { sourcePath == "404.md" }
    /// Whether the search index takes the page: not when its front matter says `search: false`, nor the 404 page.
    var isSearchable: Bool { frontMatter.search && !isNotFoundPage }

    /// `index.md` is its folder's page; `a/b.md` becomes `a/b/` so that URLs stay pretty.
    var urlPath: String {
        if isNotFoundPage { return "404.html" }
        let stem = String(sourcePath.dropLast(".md".count))
        if stem == "index" { return "" }
        if stem.hasSuffix("/index") { return String(stem.dropLast("index".count)) }
        return stem + "/"
    }

    var outputPath: String {
        isNotFoundPage ? "404.html" : urlPath + "index.html"
    }

    package func fileLine(_ bodyLine: Int) -> Int { bodyLine + bodyLineOffset }

    /// Values of `id="…"` attributes in a fragment of raw HTML.
    static func htmlIDs(_ html: String) -> [String] {
        var ids: [String] = []
        var rest = html[...]
        while let range = rest.range(of: "id=") {
            let preceding = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard preceding?.isWhitespace ?? true, let quote = rest.first, quote == "\"" || quote == "'" else {
                continue
            }
            let value = rest.dropFirst().prefix { $0 != quote }
            ids.append(String(value))
            rest = rest.dropFirst(value.count + 1)
        }
        return ids
    }
}
