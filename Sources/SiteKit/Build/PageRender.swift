import Foundation

extension SiteBuild {
    /// What the build keeps of a rendered page: the anchors other pages' links may name, the author's warnings,
    /// and this page's links into other pages' anchors, checked once every page has rendered.
    struct RenderOutcome: Sendable {
        var anchors: Set<String>
        var warnings: [SiteWarning]
        var pendingAnchors: [LinkResolver.PendingAnchor]
    }

    /// One page through its one parse, includes, links, highlighting, Markdown and its layout.
    func render(
        _ page: Page, links: LinkResolver, sections: SiteSections, config: SiteConfig, templates: TemplateSet,
        extras: PageExtrasSource
    ) throws -> (html: String, outcome: RenderOutcome) {
        let includes = CodeInclude(contentRoot: options.content, pin: config.connect)
        let (html, parsed, pending) = try page.renderContent(includes: includes, links: links)
        let location = PageLocation(sections: sections, basePath: options.baseURL.path)
        let folder = SiteSections.folder(of: page.sourcePath)
        let subject: PageLocation.Subject =
            SiteSections.isIndex(page.sourcePath)
            ? .sectionIndex(folder: folder) : .page(sourcePath: page.sourcePath, folder: folder)
        let context = PageContext.make(
            page: page, toc: zip(parsed.headings, parsed.headingIDs).map { ($0, $1) }, html: html,
            extras: try extras.extras(for: page), config: config, baseURL: options.baseURL,
            location: { location.values(for: subject) })
        return (
            templates.render(context, layout: page.frontMatter.layout ?? TemplateSet.defaultLayout),
            RenderOutcome(anchors: parsed.anchors, warnings: parsed.warnings, pendingAnchors: pending)
        )
    }
}

extension Page {
    /// Everything the build does to a page's Markdown before its layout: the one parse, includes, highlighting,
    /// links, HTML. Returns this page's links into other pages' anchors, to check once every page has rendered.
    package func renderContent(includes: CodeInclude, links: LinkResolver) throws -> (
        html: String, parsed: Parsed, pendingAnchors: [LinkResolver.PendingAnchor]
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
        for link in document.links where destinations[link.url] == nil {
            destinations[link.url] = try links.resolve(link, on: self, anchors: parsed.anchors, pending: &pending)
        }
        // Highlighted code and tags make a page's HTML about half as long again as its Markdown.
        let html = MarkdownHTML.render(
            document, headingIDs: parsed.headingIDs, destinations: destinations, capacity: body.utf8.count * 3 / 2 + 1024)
        return (html, parsed, pending)
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
