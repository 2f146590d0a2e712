import Foundation

extension SiteBuild {
    /// `site.yml`, or the settings a site has without one (it is optional, as VitePress's config is).
    func loadConfig() throws -> SiteConfig {
        let url = options.content.appendingPathComponent(SiteConfig.fileName)
        var config =
            FileManager.default.fileExists(atPath: url.path)
            ? try SiteConfig.load(from: url, displayPath: display(options.content, SiteConfig.fileName)) : .defaults
        if let standIn = options.connectStandIn, config.connect.isPinned {
            config.connect = config.connect.replaced(by: standIn)
        }
        return config
    }

    /// What the config leaves to the pages: the site's title (the home page's, else the project folder's name) and
    /// the footer's HTML (its Markdown, placeholders substituted, rendered once for every page).
    func complete(_ config: inout SiteConfig, pages: [Page], guardian: PinGuard) throws {
        if config.title.isEmpty {
            let folder = options.content.standardizedFileURL
            let project = folder.lastPathComponent == "content" ? folder.deletingLastPathComponent() : folder
            config.title =
                pages.first { $0.urlPath.isEmpty }?.title ?? Page.title(fromFileName: project.lastPathComponent + ".md")
        }
        if let footer = config.footer {
            let file = display(options.content, SiteConfig.fileName)
            try guardian.check(footer, file: file, firstLine: config.keyLines["footer"] ?? 1)
            let html = MarkdownHTML.render(try MarkdownDocument(parsing: config.connect.substitute(in: footer)))
            config.footerHTML = html.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "")
        }
    }
}
