import Foundation

/// `content/site.yml`: the site's title and language, and the connect pin.
public struct SiteConfig: Sendable {
    public static let fileName = "site.yml"

    public var title: String
    public var description: String
    public var language: String
    public var connect: ConnectPin

    public static func load(from url: URL, displayPath: String) throws -> SiteConfig {
        let text = try TextFile.read(url, displayPath: displayPath)
        return try parse(text, file: displayPath)
    }

    public static func parse(_ text: String, file: String) throws -> SiteConfig {
        let fields = try YAMLMapping(parsing: text, file: file, firstLine: 1, what: "site config")
        try fields.rejectUnknownKeys(["title", "description", "language", "connect"])
        guard let title = try fields.string("title") else {
            throw SiteError(file: file, line: fields.line(of: "title"), "`title` is required")
        }
        guard let connect = try fields.mapping("connect") else {
            throw SiteError(file: file, line: fields.line, "`connect` is required: version, url and optionally integrity")
        }
        try connect.rejectUnknownKeys(["version", "url", "integrity", "issuer", "api"])
        guard let version = try connect.string("version"), let url = try connect.string("url") else {
            throw SiteError(file: file, line: connect.line, "`connect` needs both `version` and `url`")
        }
        return SiteConfig(
            title: title,
            description: try fields.string("description") ?? "",
            language: try fields.string("language") ?? "en",
            connect: try ConnectPin(
                version: version, urlTemplate: url, integrity: try connect.string("integrity"),
                issuer: try connect.string("issuer") ?? ConnectPin.passwordlessIDIssuer, api: try connect.string("api"),
                file: file,
                lines: [
                    "version": connect.line(of: "version"), "url": connect.line(of: "url"),
                    "integrity": connect.line(of: "integrity"), "issuer": connect.line(of: "issuer"),
                    "api": connect.line(of: "api"),
                ]))
    }
}
