import Foundation

/// What a page shows beyond its text: its social card image, the link to edit its source, when it last changed
/// (from git, once per build) and where its Markdown is published.
struct PageExtrasSource: Sendable {
    let config: SiteConfig
    let configFile: String
    let baseURL: BaseURL
    let assets: Set<String>
    /// Seconds since 1970 of each page's last commit, by its path under `content/`.
    let lastCommitTimes: [String: Int64]

    func extras(for page: Page) throws -> PageContext.Extras {
        var image: String?
        if let own = page.frontMatter.image {
            image = try imageURL(own, file: page.displayPath, line: page.frontMatter.keyLines["image"], base: page)
        } else if let shared = config.image {
            image = try imageURL(shared, file: configFile, line: config.keyLines["image"], base: nil)
        }
        let edit = config.editURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + page.sourcePath.percentEncodedPath }
        return PageContext.Extras(
            image: image, editURL: edit, lastUpdated: lastCommitTimes[page.sourcePath],
            markdownURL: baseURL.path + MarkdownCopies.path(of: page))
    }

    /// An absolute URL as it is; a path as the absolute URL of that file under `content/` (relative to the page
    /// for a page's own image, to the content folder for the site's), which must exist.
    private func imageURL(_ value: String, file: String, line: Int?, base page: Page?) throws -> String {
        if value.hasPrefix("https://") || value.hasPrefix("http://") { return value }
        let folder = page.map { SiteSections.folder(of: $0.sourcePath) } ?? ""
        guard let path = ContentPath.normalize(value, base: folder), assets.contains(path) else {
            throw SiteError(file: file, line: line, "image `\(value)` is not a file under content/ (or an http(s) URL)")
        }
        return baseURL.absolute + path.percentEncodedPath
    }
}
