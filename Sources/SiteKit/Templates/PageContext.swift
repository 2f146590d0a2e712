import Mustache

/// What a template sees: `site`, `page` (with `content`, `toc`), `nav` and `connect`.
enum PageContext {
    struct NavigationEntry {
        let sourcePath: String
        let title: String
        let urlPath: String
    }

    /// Pages in `order` (then title), without the 404 page.
    static func navigation(_ pages: [Page]) -> [NavigationEntry] {
        pages.filter { !$0.isNotFoundPage }
            .sorted {
                ($0.frontMatter.order ?? Int.max, $0.frontMatter.title, $0.sourcePath)
                    < ($1.frontMatter.order ?? Int.max, $1.frontMatter.title, $1.sourcePath)
            }
            .map { NavigationEntry(sourcePath: $0.sourcePath, title: $0.frontMatter.title, urlPath: $0.urlPath) }
    }

    static func make(page: Page, html: String, config: SiteConfig, baseURL: BaseURL, navigation: [NavigationEntry]) -> [String:
        Any]
    {
        let toc: [[String: Any]] = zip(page.headings, page.headingIDs)
            .filter { $0.0.level == 2 || $0.0.level == 3 }
            .map { ["id": $1, "text": $0.text, "level": $0.level] }
        return [
            "site": [
                "title": config.title,
                "description": config.description,
                "language": config.language,
                "basePath": baseURL.path,
                "baseURL": baseURL.absolute,
            ],
            "page": [
                "title": page.frontMatter.title,
                "description": page.frontMatter.description ?? config.description,
                "content": html,
                "url": baseURL.path + page.urlPath,
                "canonicalURL": baseURL.absolute + page.urlPath,
                "toc": toc,
                "hasTOC": toc.count > 1,
                "isHome": page.urlPath.isEmpty,
            ],
            "nav": NavigationList(entries: navigation, basePath: baseURL.path, currentSource: page.sourcePath),
            "connect": ["version": config.connect.version, "url": config.connect.url],
        ]
    }
}

/// The site navigation as a template iterates it. Entries become template values only when a template lists
/// them, so a layout without navigation costs nothing per page.
struct NavigationList: MustacheSequence {
    let entries: [PageContext.NavigationEntry]
    let basePath: String
    let currentSource: String

    func makeIterator() -> AnyIterator<[String: Any]> {
        var iterator = entries.makeIterator()
        return AnyIterator {
            iterator.next().map {
                ["title": $0.title, "url": basePath + $0.urlPath, "current": $0.sourcePath == currentSource]
            }
        }
    }
}
