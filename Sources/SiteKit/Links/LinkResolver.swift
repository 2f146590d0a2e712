import Foundation

/// Turns the links authors write into URLs that work under the site's base path, and fails the build on a link
/// to a page, file or `#anchor` that does not exist. Another page's anchors are known once it has rendered, so a
/// `#fragment` there is checked after every page has (`PendingAnchor`).
package struct LinkResolver {
    let pagesBySource: [String: Page]
    let assets: Set<String>
    let directoriesWithIndex: Set<String>
    let basePath: String
    let fingerprints: AssetFingerprints
    /// The repository around the content folder, for links to its other files.
    let outside: OutsideFiles?

    package init(
        pagesBySource: [String: Page], assets: Set<String>, directoriesWithIndex: Set<String>, basePath: String,
        fingerprints: AssetFingerprints = AssetFingerprints(texts: []), outside: OutsideFiles? = nil
    ) {
        self.pagesBySource = pagesBySource
        self.assets = assets
        self.directoriesWithIndex = directoriesWithIndex
        self.basePath = basePath
        self.fingerprints = fingerprints
        self.outside = outside
    }

    /// A link to `#fragment` on another page, with the error to give if that page has no such anchor.
    package struct PendingAnchor: Sendable {
        let page: String
        let fragment: String
        let error: SiteError
    }

    /// - Parameters:
    ///   - anchors: the anchors of `page` itself.
    ///   - pending: gets the links to anchors of other pages, to check with `check(_:anchors:)`.
    ///   - warnings: gets what the author should hear of a link that works (one written without `.md`).
    package func resolve(
        _ link: Link, on page: Page, anchors: Set<String>, pending: inout [PendingAnchor], warnings: inout [SiteWarning]
    ) throws -> String {
        let url = link.url
        func fail(_ message: String) -> SiteError { SiteError(file: page.displayPath, line: page.fileLine(link.line), message) }
        if url.isEmpty || Self.isExternal(url) { return url }

        var path = url
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        var query = ""
        if let question = path.firstIndex(of: "?") {
            query = String(path[question...])
            path = String(path[..<question])
        }
        // Foundation's decoding was most of a link's cost; a path without `%` decodes to itself.
        let decodedPath = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path

        if decodedPath.isEmpty {
            if let fragment, !fragment.isEmpty, let why = Self.missing(fragment, in: anchors) {
                throw fail("link to `#\(fragment)`, but this page has no such heading or id" + why)
            }
            return url
        }

        let folder = SiteSections.folder(of: page.sourcePath)
        let fragmentSuffix = fragment.map { "#\($0)" } ?? ""
        guard let target = ContentPath.normalize(decodedPath, base: folder) else {
            // A file of the repository outside content/, as on GitHub.
            switch outside?.resolve(decodedPath, from: folder) {
            case .url(let address)?: return address + query + fragmentSuffix
            case .noHost(let file)?:
                throw fail(
                    "link `\(url)` leaves content/ for the repository's \(file); set `repository:` (or `editURL:`) in "
                        + "site.yml to link it on the repository's host")
            case .missing?, nil: throw fail("link `\(url)` leaves content/, and there is no such file")
            }
        }

        if target.hasSuffix(".md") {
            guard let targetPage = pagesBySource[target] else {
                throw fail(
                    "link to missing page `\(url)` (no content/\(target))"
                        + Hints.page(target, from: page, in: pagesBySource.keys))
            }
            if let fragment, !fragment.isEmpty {
                pending.append(
                    PendingAnchor(
                        page: target, fragment: fragment,
                        error: fail("link to `\(url)`, but content/\(target) has no heading or id `\(fragment)`")))
            }
            return basePath + targetPage.urlPath + query + fragmentSuffix
        }
        if let index = assets.firstIndex(of: target) {
            // The file's own bytes: a link may spell an accent another way (NFC or NFD), one name to Swift's `==`
            // and two to a web server.
            let target = assets[index]
            // A folder's index.html is linked as the folder, the URL GitHub Pages serves it at.
            let shown =
                target == "index.html"
                ? "" : target.hasSuffix("/index.html") ? String(target.dropLast("index.html".count)) : fingerprints.path(target)
            return basePath + shown.percentEncodedPath + query + fragmentSuffix
        }
        if target.isEmpty { return basePath + query + fragmentSuffix }
        if let index = directoriesWithIndex.firstIndex(of: target) {
            return basePath + (directoriesWithIndex[index] + "/").percentEncodedPath + query + fragmentSuffix
        }
        // Written without `.md` (`./eip-150`): the one page it can mean, with a word to the author.
        let meant = [target + ".md", target + "/index.md", target + "/README.md"].filter { pagesBySource[$0] != nil }
        if meant.count == 1, let source = pagesBySource[meant[0]] {
            warnings.append(
                SiteWarning(
                    file: page.displayPath, line: page.fileLine(link.line),
                    "link `\(url)` names no file; it goes to \(Hints.relativePath(to: meant[0], from: folder)) (name that file, "
                        + "and GitHub finds it too)"))
            if let fragment, !fragment.isEmpty {
                pending.append(
                    PendingAnchor(
                        page: meant[0], fragment: fragment,
                        error: fail("link to `\(url)`, but content/\(meant[0]) has no heading or id `\(fragment)`")))
            }
            return basePath + source.urlPath.percentEncodedPath + query + fragmentSuffix
        }
        throw fail(
            "link to missing file `\(url)` (no content/\(target))"
                + Hints.page(target + ".md", from: page, in: pagesBySource.keys))
    }

    /// Fails with the first link whose page has no such anchor; `anchors` holds each page's, by its source path.
    /// Throws every link whose page lacks its anchor, together.
    package static func check(_ pending: [PendingAnchor], anchors: [String: Set<String>]) throws {
        var errors: [SiteError] = []
        // Each page's anchors indexed once, for the hints of all the links into it.
        var indexes: [String: [String: String]] = [:]
        for link in pending {
            if var why = missing(link.fragment, in: anchors[link.page] ?? []) {
                if why.isEmpty {
                    let index = indexes[link.page] ?? Hints.anchorIndex(anchors[link.page] ?? [])
                    indexes[link.page] = index
                    why = Hints.fragment(link.fragment, index: index)
                }
                errors.append(SiteError(file: link.error.file, line: link.error.line, link.error.message + why))
            }
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw SiteErrors(errors) }
    }

    /// Nil when `anchors` holds `fragment` byte for byte, as a browser matches a fragment to an id; else what ends
    /// the error. `#café` with a combining accent finds no precomposed `café`, though the two are `==` in Swift.
    static func missing(_ fragment: String, in anchors: Set<String>) -> String? {
        guard let index = anchors.firstIndex(of: fragment) else { return "" }
        let anchor = anchors[index]
        return anchor.utf8.elementsEqual(fragment.utf8) ? nil : " (it has `\(anchor)`, spelled another way in Unicode)"
    }

    static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) } && scheme.first!.isLetter
    }
}
