import Foundation

extension SiteBuild {
    /// What the build keeps of a rendered page: the anchors other pages' links may name, the author's warnings,
    /// this page's links into other pages' anchors, checked once every page has rendered, and its broken links
    /// (the page renders all the same, so that one build finds every problem; the build then fails).
    struct RenderOutcome: Sendable {
        var anchors: Set<String>
        var warnings: [SiteWarning]
        var pendingAnchors: [LinkResolver.PendingAnchor]
        var brokenLinks: [SiteError]
    }

    /// One page through its one parse, includes, links, highlighting, Markdown and its layout.
    func render(
        _ page: Page, links: LinkResolver, sections: SiteSections, config: SiteConfig, templates: TemplateSet,
        extras: PageExtrasSource
    ) throws -> (html: String, outcome: RenderOutcome) {
        let includes = CodeInclude(contentRoot: options.content, pin: config.connect)
        let (html, parsed, pending, broken, warnings) = try page.renderContent(includes: includes, links: links)
        let location = PageLocation(sections: sections, basePath: options.baseURL.path)
        let subject: PageLocation.Subject =
            sections.indexFolder(of: page.sourcePath).map { .sectionIndex(folder: $0) }
            ?? .page(sourcePath: page.sourcePath, folder: SiteSections.folder(of: page.sourcePath))
        let context = PageContext.make(
            page: page, toc: zip(parsed.headings, parsed.headingIDs).map { ($0, $1) }, html: html,
            extras: try extras.extras(for: page), config: config, baseURL: options.baseURL, titleID: parsed.titleID,
            location: { location.values(for: subject) })
        return (
            templates.render(context, layout: page.frontMatter.layout ?? TemplateSet.defaultLayout),
            RenderOutcome(anchors: parsed.anchors, warnings: warnings, pendingAnchors: pending, brokenLinks: broken)
        )
    }
}

extension Page {
    /// Everything the build does to a page's Markdown before its layout: the one parse, includes, highlighting,
    /// links, HTML. Returns this page's links into other pages' anchors, to check once every page has rendered,
    /// its broken links (each left as written), and the author's warnings (the parse's and the links').
    package func renderContent(includes: CodeInclude, links: LinkResolver) throws -> (
        html: String, parsed: Parsed, pendingAnchors: [LinkResolver.PendingAnchor], brokenLinks: [SiteError],
        warnings: [SiteWarning]
    ) {
        let parsed = try parse()
        let document = try parsed.document.rewritingCodeBlocks { block in
            let expanded = try includes.expand(block, page: self)
            do throws(CodeBlockHTML.BadMarks) {
                return .html(try CodeBlockHTML.render(expanded))
            } catch {
                throw SiteError(file: displayPath, line: fileLine(block.line), error.message)
            }
        }
        var destinations: [String: String] = [:]
        var pending: [LinkResolver.PendingAnchor] = []
        // Every broken link of the page, not the first.
        var broken: [SiteError] = []
        var brokenURLs: [String] = []
        var linkWarnings: [SiteWarning] = []
        for link in document.links where destinations[link.url] == nil {
            do {
                destinations[link.url] = try links.resolve(
                    link, on: self, anchors: parsed.anchors, pending: &pending, warnings: &linkWarnings)
            } catch let error as SiteError {
                broken.append(error)
                brokenURLs.append(link.url)
                destinations[link.url] = link.url
            }
        }
        // A reference-style link's destination is on its definition's line: each error says where (the page read
        // once for all of them, so that a page of many broken links stays linear).
        if !broken.isEmpty {
            let definitions = LinkResolver.Hints.definitionLines(in: self)
            var anchorIndex: [String: String]?
            for index in broken.indices {
                let error = broken[index]
                var hint = ""
                let url = brokenURLs[index]
                if url.hasPrefix("#"), !error.message.hasSuffix(")") {
                    let built = anchorIndex ?? LinkResolver.Hints.anchorIndex(parsed.anchors)
                    anchorIndex = built
                    hint = LinkResolver.Hints.fragment(String(url.dropFirst()), index: built)
                }
                if let line = definitions[url], line != error.line { hint += " (its definition is at line \(line))" }
                if !hint.isEmpty { broken[index] = SiteError(file: error.file, line: error.line, error.message + hint) }
            }
        }

        // Highlighted code and tags make a page's HTML about half as long again as its Markdown.
        let html = MarkdownHTML.render(
            document, headingIDs: parsed.headingIDs, destinations: destinations, capacity: body.utf8.count * 3 / 2 + 1024)
        return (html, parsed, pending, broken, parsed.warnings + linkWarnings)
    }
}

extension Page {
    /// A page's Markdown through everything the build does to it before the layout, alone on a site of its own:
    /// for the tests and benchmark that time pages built to be slow. Errors are answers too: nil.
    package static func renderAlone(markdown body: String) -> String? {
        guard
            let pin = try? ConnectPin(
                version: "1.2.1", urlTemplate: "https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js",
                integrity: nil, file: "site.yml", lines: [:]),
            let page = try? Page(
                sourcePath: "guide/page.md", displayPath: "content/guide/page.md", text: "---\ntitle: Page\n---\n" + body,
                pin: pin, guardian: PinGuard(pin: pin, configFile: "site.yml"))
        else { return nil }
        let links = LinkResolver(pagesBySource: ["guide/page.md": page], assets: [], directoriesWithIndex: [], basePath: "/")
        let includes = CodeInclude(contentRoot: URL(fileURLWithPath: "/nonexistent"), pin: pin)
        return try? page.renderContent(includes: includes, links: links).html
    }
}
