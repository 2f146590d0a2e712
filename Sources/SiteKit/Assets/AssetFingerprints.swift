import OpenSSLHTTPClient

/// The theme's own CSS and JavaScript (`content/assets/*.css`, `*.js`) are published under names that carry a
/// digest of their content (`assets/site.3kq9f0xz1a.css`), and every reference to them is rewritten, so a new
/// deploy is never shown with a stale stylesheet: GitHub Pages lets browsers keep files for ten minutes. The
/// demo's files keep their names, which the tutorial shows.
package struct AssetFingerprints: Sendable {
    /// Content path (`assets/site.css`) to published path (`assets/site.3kq9f0xz1a.css`).
    let published: [String: String]

    static func isFingerprinted(_ path: String) -> Bool {
        path.hasPrefix("assets/") && !path.dropFirst("assets/".count).contains("/")
            && (path.hasSuffix(".css") || path.hasSuffix(".js"))
    }

    package init(texts: [(path: String, text: String)]) {
        var published: [String: String] = [:]
        for (path, text) in texts where Self.isFingerprinted(path) {
            let digest = SubresourceIntegrity.sha384(of: Array(text.utf8)).dropFirst("sha384-".count)
            let name = String(digest.prefix(10)).replacingBytes("+", with: "-").replacingBytes("/", with: "_")
            guard let dot = path.lastIndex(of: ".") else { continue }
            published[path] = path[..<dot] + "." + name + path[dot...]
        }
        self.published = published
    }

    /// The published path of a content path (itself when it is not fingerprinted).
    func path(_ contentPath: String) -> String { published[contentPath] ?? contentPath }

    /// `text` with every `assets/NAME` of a fingerprinted file replaced by its published name: templates and the
    /// site's other text files refer to them as `{{site.basePath}}assets/site.css` or `../assets/site.css`.
    func rewrite(_ text: String) -> String {
        guard !published.isEmpty, text.containsBytes("assets/") else { return text }
        var result = text
        for (original, renamed) in published { result = result.replacingBytes(original, with: renamed) }
        return result
    }
}
