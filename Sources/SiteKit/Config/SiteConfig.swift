import Foundation

/// `content/site.yml`: the site's title and language, its header links and footer, and the connect pin. Every
/// setting is optional, and so is the file: without a title the site takes its home page's.
public struct SiteConfig: Sendable {
    public static let fileName = "site.yml"

    /// The site's title; empty until the home page gives one when the config names none.
    public var title: String
    public var description: String
    public var language: String
    public var connect: ConnectPin
    /// Where a page's source is edited: this plus the page's path under `content/` (`https://github.com/OWNER/REPO/
    /// edit/main/content/`). Pages get an "Edit this page" link when it is set.
    public var editURL: String?
    /// The image social cards show when a page names none (a path under `content/`, or an absolute URL).
    public var image: String?
    /// Whether the site gets a search index and box (Pagefind). On unless `search: false`.
    public var search: Bool = true
    /// `search:` is in the config: then `true` requires Pagefind; unset, search is on when Pagefind is installed.
    public var searchIsExplicit = false
    /// What a broken link does: fail the build (the default), or warn and leave the link as written.
    public var links: LinkCheck = .error
    /// Where the repository's files are shown (`https://github.com/OWNER/REPO/blob/BRANCH/`, its root): a link to
    /// a file outside `content/` goes there. When unset, it is worked out from `editURL`.
    public var repository: String?

    public enum LinkCheck: String, Sendable {
        case error, warn
    }

    /// Links the header shows beside the title (`nav:` entries with `title` and `url`), in order.
    public var nav: [NavLink] = []
    /// The footer's text, Markdown inline (links, emphasis, code), or nil for none.
    public var footer: String?
    /// The footer as HTML, once the build has rendered it.
    var footerHTML: String?

    public struct NavLink: Sendable, Equatable {
        public var title: String
        /// As written: relative to the site's base path (`demo/`), or absolute (`https://…`).
        public var url: String
    }

    /// The settings a site has without a `site.yml`.
    public static let defaults = SiteConfig(title: "", description: "", language: "en", connect: .unpinned)
    /// The line of each key, for messages about its value.
    var keyLines: [String: Int] = [:]

    public static func load(from url: URL, displayPath: String) throws -> SiteConfig {
        let text = try TextFile.read(url, displayPath: displayPath)
        return try parse(text, file: displayPath)
    }

    public static func parse(_ text: String, file: String) throws -> SiteConfig {
        let fields = try YAMLMapping(parsing: text, file: file, firstLine: 1, what: "site config")
        try fields.rejectUnknownKeys([
            "title", "description", "language", "connect", "editURL", "image", "search", "links", "repository", "nav",
            "footer",
        ])
        let links = try fields.string("links").map { value in
            guard let check = LinkCheck(rawValue: value) else {
                throw SiteError(file: file, line: fields.line(of: "links"), "`links` is `error` or `warn`, not `\(value)`")
            }
            return check
        }
        let repository = try fields.string("repository")
        if let repository, !(repository.hasPrefix("https://") || repository.hasPrefix("http://")) {
            throw SiteError(
                file: file, line: fields.line(of: "repository"),
                "`repository` must be an http(s) URL of the repository's files, such as https://github.com/OWNER/REPO/blob/main/")
        }
        let editURL = try fields.string("editURL")
        if let editURL, !(editURL.hasPrefix("https://") || editURL.hasPrefix("http://")) {
            throw SiteError(
                file: file, line: fields.line(of: "editURL"),
                "`editURL` must be an http(s) URL, such as https://github.com/OWNER/REPO/edit/main/content/")
        }
        var nav: [NavLink] = []
        for entry in try fields.mappings("nav") ?? [] {
            try entry.rejectUnknownKeys(["title", "url"])
            guard let linkTitle = try entry.string("title"), let url = try entry.string("url") else {
                throw SiteError(file: file, line: entry.line, "each `nav` entry has a `title` and a `url`")
            }
            nav.append(NavLink(title: linkTitle, url: url))
        }
        var config = SiteConfig(
            title: try fields.string("title") ?? "",
            description: try fields.string("description") ?? "",
            language: try fields.string("language") ?? "en",
            connect: try pin(fields, file: file),
            editURL: editURL, image: try fields.string("image"), search: try fields.bool("search") ?? true,
            links: links ?? .error, repository: repository,
            keyLines: Dictionary(uniqueKeysWithValues: fields.keys.map { ($0, fields.line(of: $0)) }))
        config.nav = nav
        config.footer = try fields.string("footer")
        config.searchIsExplicit = fields.keys.contains("search")
        return config
    }

    /// The connect pin; only a site that loads the library sets one.
    private static func pin(_ fields: YAMLMapping, file: String) throws -> ConnectPin {
        guard let connect = try fields.mapping("connect") else { return .unpinned }
        try connect.rejectUnknownKeys(["version", "url", "integrity", "issuer", "api"])
        guard let version = try connect.string("version"), let url = try connect.string("url") else {
            throw SiteError(file: file, line: connect.line, "`connect` needs both `version` and `url`")
        }
        return try ConnectPin(
            version: version, urlTemplate: url, integrity: try connect.string("integrity"),
            issuer: try connect.string("issuer") ?? ConnectPin.passwordlessIDIssuer, api: try connect.string("api"),
            file: file,
            lines: [
                "version": connect.line(of: "version"), "url": connect.line(of: "url"),
                "integrity": connect.line(of: "integrity"), "issuer": connect.line(of: "issuer"), "api": connect.line(of: "api"),
            ])
    }
}
