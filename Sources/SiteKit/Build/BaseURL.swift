import Foundation

/// Where the site will be served: `https://owner.github.io/repo/` puts every internal URL under `/repo/`.
public struct BaseURL: Sendable, Equatable {
    /// Always ends with `/`.
    public let absolute: String
    /// The path part, `/` or `/repo/`.
    public let path: String

    public static let localDefault = try! BaseURL("http://localhost:8000/")

    public init(_ string: String) throws {
        guard let components = URLComponents(string: string), let scheme = components.scheme,
            ["http", "https"].contains(scheme.lowercased()), components.host?.isEmpty == false,
            components.query == nil, components.fragment == nil
        else {
            throw SiteError(file: "--base-url", "`\(string)` is not an http(s) URL such as https://owner.github.io/repo/")
        }
        var path = components.path
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        var absolute = string
        if !absolute.hasSuffix("/") { absolute += "/" }
        self.absolute = absolute
        self.path = path
    }
}
