/// The one place the `@passwordless-id/connect` library is loaded from: a fixed version on a CDN, with an
/// optional Subresource Integrity hash. Sources refer to it through placeholders, and `PinGuard` refuses any
/// other reference to the library.
public struct ConnectPin: Equatable, Sendable {
    public static let packageName = "@passwordless-id/connect"

    public let version: String
    public let url: String
    /// The CDN URL with `{version}` where the version goes, as written in the config.
    public let urlTemplate: String
    public let integrity: String?

    /// - Parameter urlTemplate: the CDN URL with `{version}` where the version goes.
    public init(version: String, urlTemplate: String, integrity: String?, file: String, lines: [String: Int]) throws {
        guard Self.isExactVersion(version) else {
            throw SiteError(
                file: file, line: lines["version"],
                "connect version must be an exact release such as 1.2.1, not `\(version)`")
        }
        guard urlTemplate.contains("{version}") else {
            throw SiteError(
                file: file, line: lines["url"], "connect url must contain `{version}` so the version is set in one place")
        }
        let url = urlTemplate.replacingOccurrences(of: "{version}", with: version)
        guard url.hasPrefix("https://"), url.contains("\(Self.packageName)@\(version)/") else {
            throw SiteError(
                file: file, line: lines["url"],
                "connect url must be an https URL containing `\(Self.packageName)@{version}/`, got `\(urlTemplate)`")
        }
        if let integrity, !Self.isSHA384Integrity(integrity) {
            throw SiteError(
                file: file, line: lines["integrity"],
                "connect integrity must be `sha384-` followed by 64 base64 characters (or left out), got `\(integrity)`")
        }
        self.version = version
        self.url = url
        self.urlTemplate = urlTemplate
        self.integrity = integrity
    }

    /// Placeholders replaced in Markdown pages, included code and text assets.
    public var placeholders: [(String, String)] {
        [
            ("{{connect.url}}", url),
            ("{{connect.version}}", version),
            ("{{connect.integrity-attribute}}", integrity.map { " integrity=\"\($0)\"" } ?? ""),
        ]
    }

    public func substitute(in text: String) -> String {
        guard text.containsBytes("{{connect.") else { return text }
        var result = text
        for (placeholder, value) in placeholders { result = result.replacingOccurrences(of: placeholder, with: value) }
        return result
    }

    static func isExactVersion(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    static func isSHA384Integrity(_ value: String) -> Bool {
        guard value.hasPrefix("sha384-") else { return false }
        let hash = value.dropFirst("sha384-".count)
        return hash.count == 64
            && hash.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }
    }
}
