import Foundation

/// Resolves a path named in a page against `content/`, refusing anything that would leave it.
package enum ContentPath {
    /// Normalizes `path` (relative to `base`, a folder inside content) into a content-relative path.
    package static func normalize(_ path: String, base: String = "") -> String? {
        var parts: [Substring] = path.hasPrefix("/") ? [] : base.split(separator: "/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The real path of the file an include names, which must be inside content/ (`SourceFolder`'s rule).
    static func resolve(_ path: String, under root: URL, file: String, line: Int) throws -> String {
        guard !path.hasPrefix("/"), let normalized = normalize(path), !normalized.isEmpty else {
            throw SiteError(file: file, line: line, "`\(path)` leaves content/; includes must name a file inside it")
        }
        let folder = try SourceFolder(root, displayRoot: "content", missing: "content folder not found")
        return try folder.resolveFile(normalized, file: file, line: line)
    }
}
