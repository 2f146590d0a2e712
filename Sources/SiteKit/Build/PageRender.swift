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
        let parsed = try page.parse()
        let document = try parsed.document.rewritingCodeBlocks { block in
            let expanded = try includes.expand(block, page: page)
            do throws(CodeBlockHTML.BadMarks) {
                return .html(try CodeBlockHTML.render(expanded))
            } catch {
                throw SiteError(file: page.displayPath, line: page.fileLine(block.line), error.message)
            }
        }
        var destinations: [String: String] = [:]
        var pending: [LinkResolver.PendingAnchor] = []
        for link in document.links where destinations[link.url] == nil {
            destinations[link.url] = try links.resolve(link, on: page, anchors: parsed.anchors, pending: &pending)
        }
        // Highlighted code and tags make a page's HTML about half as long again as its Markdown.
        let html = MarkdownHTML.render(
            document, headingIDs: parsed.headingIDs, destinations: destinations, capacity: page.body.utf8.count * 3 / 2 + 1024)
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
