import Foundation
import Mustache

/// What a template sees: `site`, `page` (with `content`, `toc`), `connect`, and where the page stands: `nav`,
/// `breadcrumbs`, `previous`, `next`, `section` (see `PageLocation` and the README).
enum PageContext {
    /// What a page has beyond its text: its social image, edit link, last change, published Markdown.
    struct Extras {
        var image: String?
        var editURL: String?
        /// Seconds since 1970 of the page's last commit.
        var lastUpdated: Int64?
        var markdownURL: String?
    }

    /// - Parameter toc: the page's headings with their ids.
    /// - Parameter titleID: the id of the heading the title came from (the theme's `<h1>` carries it), or nil.
    static func make(
        page: Page, toc headings: [(MarkdownDocument.Heading, String)], html: String, extras: Extras, config: SiteConfig,
        baseURL: BaseURL, titleID: String? = nil, location: @escaping () -> TemplateValues
    ) -> TemplateData {
        let toc: [TemplateValues] =
            headings
            .filter { $0.0.level == 2 || $0.0.level == 3 }
            .map { ["id": $1, "text": $0.text, "level": $0.level] }
        return context(
            page: [
                "title": page.title,
                // The `<h1>`'s id attribute whole (or nothing), so the theme looks it up once and casts no `false`.
                "titleIDAttribute": titleID.map { " id=\"\(HTML.escapeForTemplate($0))\"" } ?? "",
                "label": page.frontMatter.nav ?? page.title,
                "params": page.frontMatter.params.reduce(into: [:] as TemplateValues) { values, param in
                    values[param.key] = param.isList ? param.values : param.values.first ?? ""
                },
                "description": page.frontMatter.description ?? config.description,
                "content": html,
                "url": baseURL.path + page.urlPath.percentEncodedPath,
                "canonicalURL": baseURL.absolute + page.urlPath.percentEncodedPath,
                "toc": toc,
                "hasTOC": toc.count > 1,
                "isHome": page.urlPath.isEmpty,
                "image": extras.image ?? false,
                "editURL": extras.editURL ?? false,
                "lastUpdated": extras.lastUpdated.map(Self.lastUpdated) ?? false,
                "markdownURL": extras.markdownURL ?? false,
                "searchable": config.search && page.isSearchable,
            ], config: config, baseURL: baseURL, location: location)
    }

    /// `iso` (`2026-11-30T09:15:00Z`, for `datetime`) and `date` (`2026-11-30`, for people).
    private static func lastUpdated(_ seconds: Int64) -> TemplateValues {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return ["iso": date.formatted(.iso8601), "date": date.formatted(.iso8601.year().month().day())]
    }

    /// A generated page of a section's list: no Markdown, the list is in `section.items`.
    static func make(
        listing title: String, description: String, urlPath: String, config: SiteConfig, baseURL: BaseURL,
        location: @escaping () -> TemplateValues
    ) -> TemplateData {
        context(
            page: [
                "title": title, "label": title, "description": description.isEmpty ? config.description : description,
                "content": "", "url": baseURL.path + urlPath.percentEncodedPath,
                "canonicalURL": baseURL.absolute + urlPath.percentEncodedPath, "toc": [],
                "hasTOC": false, "isHome": false, "isList": true, "image": false, "editURL": false, "lastUpdated": false,
                "markdownURL": false, "searchable": false,
            ], config: config, baseURL: baseURL, location: location)
    }

    private static func context(
        page: TemplateValues, config: SiteConfig, baseURL: BaseURL, location: @escaping () -> TemplateValues
    ) -> TemplateData {
        var values: TemplateValues = [:]
        values["site"] = [
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "basePath": baseURL.path,
            "baseURL": baseURL.absolute,
            "search": config.search,
            // Links the header shows; a relative URL is under the base path.
            "nav": config.nav.map { link -> TemplateValues in
                ["title": link.title, "url": LinkResolver.isExternal(link.url) ? link.url : baseURL.path + link.url]
            },
            "hasNav": !config.nav.isEmpty,
            // The whole footer element, or nothing: one lookup per page.
            "footer": config.footerHTML.map { "<footer class=\"site-footer\">\n<p>\($0)</p>\n</footer>\n" } ?? "",
        ]
        values["page"] = page
        values["connect"] = config.connect.isPinned ? ["version": config.connect.version, "url": config.connect.url] : false
        return TemplateData(values, location: location)
    }
}

/// The root of a page's template data. Where the page stands (`PageLocation`) is worked out the first time a
/// template asks for one of its names, so a theme without navigation does not pay for it.
/// One per render, used by that render alone. A struct, because swift-mustache casts the root at every lookup
/// that reaches it and casts of class instances cost about twice as much; the worked-out location lives in a box.
struct TemplateData: MustacheParent {
    private let values: TemplateValues
    private let location: LazyLocation

    init(_ values: TemplateValues, location: @escaping () -> TemplateValues) {
        self.values = values
        self.location = LazyLocation(location)
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        guard PageLocation.valueNames.contains(name) else { return nil }
        return location.values[name]
    }

    private final class LazyLocation {
        private let make: () -> TemplateValues
        lazy var values: TemplateValues = make()
        init(_ make: @escaping () -> TemplateValues) { self.make = make }
    }
}
