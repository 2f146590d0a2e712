import Foundation

/// The files under `content/`, sorted so that every build sees them in the same order.
struct ContentScan {
    /// Paths relative to the content folder, with `/` separators.
    var markdown: [String] = []
    var assets: [String] = []
    /// Folders holding an `index.html`, which a link may name with a trailing slash.
    var directories: Set<String> = []
    /// `README.md` files (in any case) that are their folder's index page, as GitHub shows them: those in folders
    /// without an `index.md`.
    var readmeIndexes: Set<String> = []

    static func scan(_ root: URL, displayRoot: String) throws -> ContentScan {
        let folder = try SourceFolder(root, displayRoot: displayRoot, missing: "content folder not found")
        var scan = ContentScan()
        // Hidden files and folders (.DS_Store, .git) are not part of the site; nor are files and folders whose
        // name starts with `_`: they hold code that pages include (the example API) but do not publish.
        // By bytes, as the file system names them: a `/` or `_` followed by a combining mark is one Character.
        let unpublished = { (name: Substring.UTF8View) in
            name.first == UInt8(ascii: ".") || name.first == UInt8(ascii: "_")
        }
        let entries = try folder.walk { !unpublished($0.utf8[...]) }
        try rejectUnicodeTwins(entries.map(\.path), displayRoot: displayRoot)
        for entry in entries where !entry.path.utf8.split(separator: UInt8(ascii: "/")).contains(where: unpublished) {
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
        let markdown = Set(scan.markdown)
        for path in scan.markdown where Self.isReadme(path) {
            let folder = SiteSections.folder(of: path)
            if !markdown.contains(folder.isEmpty ? "index.md" : folder + "/index.md") { scan.readmeIndexes.insert(path) }
        }
        return scan
    }

    /// `README.md` by name, in any case of its letters.
    static func isReadme(_ path: String) -> Bool {
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last ?? []
        return name.count == 9 && zip(name, "readme.md".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// Two names that differ only in how their accents are spelled (`café` precomposed, NFC, and `cafe` with a
    /// combining accent, NFD) are two files here but one to a Mac, to Swift's `==` and to the build's tables of
    /// pages and outputs, so they are an error that shows both spellings.
    static func rejectUnicodeTwins(_ paths: [String], displayRoot: String) throws {
        // A twin needs a name with a non-ASCII scalar (even the twin of an ASCII `K`, the Kelvin sign).
        guard paths.contains(where: { $0.utf8.contains { $0 >= 0x80 } }) else { return }
        var seen: [String: String] = [:]
        for path in paths {
            if let earlier = seen.updateValue(path, forKey: path), !earlier.utf8.elementsEqual(path.utf8) {
                throw SiteError(
                    file: "\(displayRoot)/\(path)",
                    "has the same name as \(displayRoot)/\(earlier) spelled another way in Unicode (`\(escaped(path))` "
                        + "and `\(escaped(earlier))`): a Mac, and this build, see one file; rename one")
            }
        }
    }

    /// A name with its non-ASCII scalars as `\u{…}`, so that two spellings that look alike read apart.
    private static func escaped(_ name: String) -> String {
        name.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16, uppercase: true))}" }.joined()
    }
}
