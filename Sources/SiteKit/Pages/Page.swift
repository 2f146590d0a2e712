/// A Markdown page: where it comes from, what its front matter says and where it goes in the site. Its Markdown
/// is kept as text and parsed once, when the page renders (`parse()`), so a large site is never held in memory as
/// documents; what other pages need of it (its anchors) comes out of that parse.
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

    /// - Parameter isFolderIndex: the page is its folder's index though not named `index.md` (a `README.md`).
    package init(
        sourcePath: String, displayPath: String, text: String, pin: ConnectPin, guardian: PinGuard, isFolderIndex: Bool = false
    ) throws {
        self.sourcePath = sourcePath
        self.displayPath = displayPath
        if isFolderIndex {
            let folder = SiteSections.folder(of: sourcePath)
            urlPath = folder.isEmpty ? "" : folder + "/"
        } else {
            urlPath = Self.urlPath(of: sourcePath)
        }
        outputPath = Self.isNotFound(sourcePath) ? urlPath : urlPath + "index.html"
        let parts = try FrontMatter.split(text, file: displayPath)
        frontMatter = parts.frontMatter
        bodyLineOffset = parts.bodyLineOffset
        let body = pin.substitute(in: String(parts.body))
        try guardian.check(body, file: displayPath, firstLine: bodyLineOffset + 1)
        self.body = body
        // As GitHub, MkDocs and VitePress read a page with no title: its first `#` heading, else its file's name.
        if let given = frontMatter.title {
            title = given
            titleIsLeadingHeading = false
        } else if let heading = LeadingHeading.find(in: body) {
            title = heading.text
            titleIsLeadingHeading = heading.isFirstBlock
        } else {
            title = Self.title(fromFileName: sourcePath)
            titleIsLeadingHeading = false
        }
    }

    /// The front matter's title, the first `#` heading's text, or a name made of the file's (or, for an index or
    /// README, its folder's).
    let title: String
    /// The title is the body's first block, a `#` heading: the theme shows the title, so that heading is left out.
    let titleIsLeadingHeading: Bool

    /// `eip-150.md` → `Eip 150`, `guide/README.md` → `Guide`.
    static func title(fromFileName sourcePath: String) -> String {
        var parts = sourcePath.split(separator: "/")
        guard let file = parts.popLast() else { return "Home" }
        let stem = file.dropLast(".md".count)
        let name: Substring
        if stem.lowercased() == "index" || stem.lowercased() == "readme" {
            guard let folder = parts.last else { return "Home" }
            name = folder
        } else {
            name = stem
        }
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A page's document, with its headings' ids, its anchors and its warnings.
    package struct Parsed {
        package let document: MarkdownDocument
        let headings: [MarkdownDocument.Heading]
        package let headingIDs: [String]
        /// Heading ids, footnote ids and ids that raw HTML in the page sets: the targets a `#fragment` may name.
        package let anchors: Set<String>
        /// What the author should hear about, once per build.
        package let warnings: [SiteWarning]
        /// The id of the `#` heading the title came from, left out of the body: the theme's title carries it, so
        /// that links to it still land (`#install` on a page that starts `# Install`).
        package let titleID: String?
    }

    /// The body as Markdown values, and what other pages need of it.
    package func parse() throws -> Parsed {
        var document: MarkdownDocument
        do {
            document = try MarkdownDocument(parsing: body)
        } catch {
            let message =
                switch error.reason {
                case .tooDeep:
                    "Markdown nested more than \(MarkdownDocument.maximumDepth) levels deep (quotes, lists, emphasis, links)"
                case .tooManyImageOpeners(let limit):
                    "this paragraph opens more than \(limit) images (`![`): libcmark 0.30.2 takes time growing with the "
                        + "square of that (CVE-2023-22486, fixed in 0.30.3); split the paragraph"
                }
            throw SiteError(file: displayPath, line: error.line + bodyLineOffset, message)
        }
        var headings = document.headings
        // Footnotes' ids are taken first: a heading named "fn 1" gets `fn-1-1`, never a note's id.
        let footnoteIDs = FootnoteIDs.all(in: document)
        var slugger = HeadingSlugger(reserving: footnoteIDs)
        var headingIDs = headings.map { slugger.slug(for: $0.text) }
        var titleID: String?
        if titleIsLeadingHeading, case .heading(level: 1, _, _)? = document.blocks.first, !headingIDs.isEmpty {
            document.blocks.removeFirst()
            headings.removeFirst()
            titleID = headingIDs.removeFirst()
        }
        return Parsed(
            document: document, headings: headings, headingIDs: headingIDs,
            anchors: Set(headingIDs + (titleID.map { [$0] } ?? [])).union(footnoteIDs)
                .union(document.rawHTML.flatMap(Self.htmlIDs)),
            warnings: frontMatter.warnings
                + document.warnings.map { SiteWarning(file: displayPath, line: $0.line + bodyLineOffset, $0.message) },
            titleID: titleID)
    }

    /// What the site's structure needs of this page.
    var facts: SiteSections.PageFacts {
        SiteSections.PageFacts(
            sourcePath: sourcePath, title: title, label: frontMatter.nav ?? title,
            description: frontMatter.description ?? "", urlPath: urlPath, order: frontMatter.order)
    }

    var isNotFoundPage: Bool { Self.isNotFound(sourcePath) }

    /// The site's 404 page, published as `404.html` where GitHub Pages looks for it.
    static func isNotFound(_ sourcePath: String) -> Bool { sourcePath == "404.md" }

    /// Whether the search index takes the page: not when its front matter says `search: false`, nor the 404 page.
    var isSearchable: Bool { frontMatter.search && !isNotFoundPage }

    /// `index.md` is its folder's page; `a/b.md` becomes `a/b/` so that URLs stay pretty. Worked out once, as the
    /// page is read on a worker thread: the steps after the read ask for it of every page, one after another.
    let urlPath: String
    let outputPath: String

    /// By bytes: a source path ends in `.md`, and `index` is a whole name only after a `/` or at the start.
    static func urlPath(of sourcePath: String) -> String {
        if isNotFound(sourcePath) { return "404.html" }
        let stem = sourcePath.utf8.dropLast(".md".utf8.count)
        if stem.elementsEqual("index".utf8) { return "" }
        if stem.reversed().starts(with: "/index".utf8.reversed()) { return String(Substring(stem.dropLast("index".utf8.count))) }
        return String(Substring(stem)) + "/"
    }

    package func fileLine(_ bodyLine: Int) -> Int { bodyLine + bodyLineOffset }

    /// Values of `id="…"` attributes in a fragment of raw HTML, and of `name="…"` on `<a>` (an anchor that browsers
    /// and GitHub scroll to, common in older Markdown).
    static func htmlIDs(_ html: String) -> [String] {
        var ids = attributeValues("id=", in: html[...])
        var rest = html[...]
        while let open = rest.range(of: "<a ") ?? rest.range(of: "<A ") {
            let tag = rest[open.upperBound...].prefix { $0 != ">" }
            ids += attributeValues("name=", in: " " + tag)
            rest = rest[open.upperBound...].dropFirst(tag.count)
        }
        return ids
    }

    private static func attributeValues(_ attribute: String, in html: Substring) -> [String] {
        var values: [String] = []
        var rest = html
        while let range = rest.range(of: attribute) {
            let preceding = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard preceding?.isWhitespace ?? true, let quote = rest.first, quote == "\"" || quote == "'" else {
                continue
            }
            let value = rest.dropFirst().prefix { $0 != quote }
            values.append(String(value))
            rest = rest.dropFirst(value.count + 1)
        }
        return values
    }
}
