import Foundation
import Yams

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
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch let error as YamlError {
            throw SiteError(file: file, line: error.line, "invalid YAML: \(error.problem)")
        }
        guard let fields = loaded as? [String: Any] else {
            throw SiteError(file: file, line: 1, "site config must be a YAML mapping")
        }
        let lines = YAMLKeyLines.find(in: text)
        let known: Set = ["title", "description", "language", "connect"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw SiteError(file: file, line: lines[unknown], "unknown key `\(unknown)` (known: \(known.sorted().joined(separator: ", ")))")
        }
        guard let title = fields["title"] as? String else {
            throw SiteError(file: file, line: lines["title"], "`title` is required and must be a string")
        }
        guard let connect = fields["connect"] as? [String: Any] else {
            throw SiteError(file: file, line: lines["connect"], "`connect` is required: version, url and optionally integrity")
        }
        let knownConnect: Set = ["version", "url", "integrity"]
        if let unknown = connect.keys.sorted().first(where: { !knownConnect.contains($0) }) {
            throw SiteError(file: file, line: lines[unknown], "unknown key `connect.\(unknown)`")
        }
        func string(_ key: String) throws -> String? {
            switch connect[key] {
            case nil, is NSNull: return nil
            case let value as String: return value.isEmpty ? nil : value
            default: throw SiteError(file: file, line: lines[key], "`connect.\(key)` must be a string")
            }
        }
        guard let version = try string("version"), let url = try string("url") else {
            throw SiteError(file: file, line: lines["connect"], "`connect` needs both `version` and `url`")
        }
        return SiteConfig(
            title: title,
            description: fields["description"] as? String ?? "",
            language: fields["language"] as? String ?? "en",
            connect: try ConnectPin(version: version, urlTemplate: url, integrity: try string("integrity"), file: file, lines: lines))
    }
}
