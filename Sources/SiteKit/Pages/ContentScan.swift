import Foundation

/// The files under `content/`, sorted so that every build sees them in the same order.
struct ContentScan {
    /// Paths relative to the content folder, with `/` separators.
    var markdown: [String] = []
    var assets: [String] = []
    /// Folders holding an `index.html`, which a link may name with a trailing slash.
    var directories: Set<String> = []

    static func scan(_ root: URL, displayRoot: String) throws -> ContentScan {
        var scan = ContentScan()
        let rootPath = root.standardizedFileURL.path
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: [])
        else {
            throw SiteError(file: displayRoot, "content folder not found")
        }
        for case let url as URL in enumerator {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            let path = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            if url.lastPathComponent.hasPrefix(".") || path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                if values.isDirectory == true { enumerator.skipDescendants() }
                continue
            }
            if values.isDirectory == true {
                scan.directories.insert(path)
                continue
            }
            guard values.isRegularFile == true, path != SiteConfig.fileName else { continue }
            if path.hasSuffix(".md") { scan.markdown.append(path) } else { scan.assets.append(path) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(file: displayRoot, "content folder not found")
        }
        scan.markdown.sort()
        scan.assets.sort()
        return scan
    }
}
