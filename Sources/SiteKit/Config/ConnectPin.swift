import Foundation

/// The one place the `@passwordless-id/connect` library is loaded from: a fixed version on a CDN, with an
/// optional Subresource Integrity hash, and the OpenID provider it talks to. Sources refer to them through
/// placeholders, and `PinGuard` refuses any other reference to the library.
public struct ConnectPin: Equatable, Sendable {
    public static let packageName = "@passwordless-id/connect"
    public static let passwordlessIDIssuer = "https://api.passwordless.id"

    public let version: String
    public let url: String
    /// The CDN URL with `{version}` where the version goes, as written in the config.
    public let urlTemplate: String
    public let integrity: String?
    /// The origin of the OpenID provider the library signs users in with (the pages' CSP lets it connect there).
    public let issuer: String
    /// An API the signed-in demo may call with its token (`https://…`), or nil: then the demo offers no such call.
    public let api: String?
    /// False for a site whose config sets no `connect:` (most sites: only one that loads the library needs it).
    /// Then `{{connect.…}}` anywhere is an error at its line, and any reference to the library too.
    public let isPinned: Bool

    /// No pin: a site that does not load the connect library.
    public static let unpinned = ConnectPin(
        version: "", url: "", urlTemplate: "", integrity: nil, issuer: "", api: nil, isPinned: false)

    /// - Parameter urlTemplate: the CDN URL with `{version}` where the version goes.
    public init(
        version: String, urlTemplate: String, integrity: String?, issuer: String = Self.passwordlessIDIssuer, api: String? = nil,
        file: String, lines: [String: Int]
    ) throws {
        guard Self.isExactVersion(version) else {
            throw SiteError(
                file: file, line: lines["version"],
                "connect version must be an exact release such as 1.2.1, not `\(version)`")
        }
        // These go into the demo's JavaScript strings and its Content-Security-Policy as they are: a quote, a
        // backslash, `;` or white space there would end the string or add a directive.
        for (key, value) in [("url", urlTemplate), ("issuer", issuer), ("api", api ?? "")] where !Self.isPlainURL(value) {
            throw SiteError(
                file: file, line: lines[key],
                "connect \(key) may hold only letters, digits and \(Self.plainURLPunctuation) (no quotes, backslashes, "
                    + "`;`, `&` or spaces), got `\(value)`")
        }
        guard urlTemplate.contains("{version}") else {
            throw SiteError(
                file: file, line: lines["url"], "connect url must contain `{version}` so the version is set in one place")
        }
        let url = urlTemplate.replacingBytes("{version}", with: version)
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
        guard Self.isHTTPSOrigin(issuer) else {
            throw SiteError(
                file: file, line: lines["issuer"],
                "connect issuer must be an https origin such as \(Self.passwordlessIDIssuer), got `\(issuer)`")
        }
        if let api, Self.origin(of: api)?.hasPrefix("https://") != true {
            throw SiteError(file: file, line: lines["api"], "connect api must be an https URL, got `\(api)`")
        }
        self.init(version: version, url: url, urlTemplate: urlTemplate, integrity: integrity, issuer: issuer, api: api)
    }

    /// A stand-in for the library and its provider on this machine (`build-site serve --local-idp`).
    public struct StandIn: Equatable, Sendable {
        public var moduleURL: String
        public var issuer: String
        /// The example API on this machine, for the demo's "Call the API".
        public var api: String?

        public init(moduleURL: String, issuer: String, api: String? = nil) {
            self.moduleURL = moduleURL
            self.issuer = issuer
            self.api = api
        }
    }

    /// The same pin with the library and provider replaced by a local stand-in. Pages keep their placeholders, so
    /// only the URLs change; there is no integrity hash for a file served on this machine.
    public func replaced(by standIn: StandIn) -> ConnectPin {
        ConnectPin(
            version: version, url: standIn.moduleURL, urlTemplate: urlTemplate, integrity: nil, issuer: standIn.issuer,
            api: standIn.api)
    }

    private init(
        version: String, url: String, urlTemplate: String, integrity: String?, issuer: String, api: String?,
        isPinned: Bool = true
    ) {
        self.version = version
        self.url = url
        self.urlTemplate = urlTemplate
        self.integrity = integrity
        self.issuer = issuer
        self.api = api
        self.isPinned = isPinned
    }

    /// Placeholders replaced in Markdown pages, included code and text assets.
    public var placeholders: [(String, String)] {
        [
            ("{{connect.url}}", url),
            ("{{connect.version}}", version),
            ("{{connect.integrity-attribute}}", integrity.map { " integrity=\"\($0)\"" } ?? ""),
            ("{{connect.issuer}}", issuer),
            // Empty when there is no API: the demo then hides its button, and its CSP names no other origin.
            ("{{connect.api}}", api ?? ""),
            ("{{connect.api-csp-source}}", api.flatMap(Self.origin).map { " " + $0 } ?? ""),
        ]
    }

    /// The text with the placeholders replaced; unpinned, it stays as it is (`PinGuard` then names the line).
    public func substitute(in text: String) -> String {
        guard isPinned, text.containsBytes("{{connect.") else { return text }
        var result = text
        for (placeholder, value) in placeholders { result = result.replacingBytes(placeholder, with: value) }
        return result
    }

    /// What a URL of the pin may hold besides letters and digits.
    static let plainURLPunctuation = "-._~:/?#[]@!$*+,=%{}"

    static func isPlainURL(_ value: String) -> Bool {
        value.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20) || plainURLPunctuation.utf8.contains(byte)
        }
    }

    static func isExactVersion(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// `https://host[:port]` with nothing after it: a CSP source and an OpenID issuer at once.
    static func isHTTPSOrigin(_ value: String) -> Bool {
        guard value.hasPrefix("https://"), let components = URLComponents(string: value), let host = components.host,
            !host.isEmpty
        else { return false }
        return components.path.isEmpty && components.query == nil && components.fragment == nil && components.user == nil
    }

    /// `scheme://host[:port]` of an http(s) URL.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    static func isSHA384Integrity(_ value: String) -> Bool {
        guard value.hasPrefix("sha384-") else { return false }
        let hash = value.dropFirst("sha384-".count)
        return hash.count == 64
            && hash.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }
    }
}
