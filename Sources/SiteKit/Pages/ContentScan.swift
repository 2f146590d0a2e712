import Foundation

/// The files under `content/`, sorted so that every build sees them in the same order.
struct ContentScan {
    /// Paths relative to the content folder, with `/` separators.
    var markdown: [String] = []
    var assets: [String] = []
    /// Folders holding an `index.html`, which a link may name with a trailing slash.
    var directories: Set<String> = []

    static func scan(_ root: URL, displayRoot: String) throws -> ContentScan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(file: displayRoot, "content folder not found")
        }
        var scan = ContentScan()
        // Hidden files and folders (.DS_Store, .git) are not part of the site; nor are files and folders whose
        // name starts with `_`: they hold code that pages include (the example API) but do not publish.
        let unpublished = { (name: Substring) in name.hasPrefix(".") || name.hasPrefix("_") }
        let entries = try DirectoryWalker.walk(root.path) { entry in
            !(entry.path.split(separator: "/").last.map(unpublished) ?? false)
        }
        for entry in entries where !entry.path.split(separator: "/").contains(where: unpublished) {
            if entry.isDirectory {
                scan.directories.insert(entry.path)
            } else if entry.path == SiteConfig.fileName {
                continue
            } else if entry.path.hasSuffix(".md") {
                scan.markdown.append(entry.path)
            } else {
                scan.assets.append(entry.path)
            }
        }
        scan.markdown.sort()
        scan.assets.sort()
        return scan
    }
}
