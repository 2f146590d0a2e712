import Foundation

/// Lists a folder tree with readdir, which reports each entry's type without a stat per file (Foundation's
/// enumerators stat every entry, a large part of build time on big sites).
enum DirectoryWalker {
    struct Entry: Sendable {
        /// Relative to the walked folder, with `/` separators.
        var path: String
        var isDirectory: Bool
    }

    /// Every entry below `root`, depth first. `descend` decides whether to enter a folder.
    static func walk(_ root: String, descend: (Entry) -> Bool = { _ in true }) throws -> [Entry] {
        var entries: [Entry] = []
        try walk(root, relative: "", into: &entries, descend: descend)
        return entries
    }

    private static func walk(_ root: String, relative: String, into entries: inout [Entry], descend: (Entry) -> Bool) throws {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(folder) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { closedir(directory) }
        var children: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory = Int32(entry.pointee.d_type) == DT_DIR
            if Int32(entry.pointee.d_type) == DT_UNKNOWN || Int32(entry.pointee.d_type) == DT_LNK {
                var status = stat()
                isDirectory = stat(root + "/" + path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            children.append(Entry(path: path, isDirectory: isDirectory))
        }
        for child in children.sorted(by: { $0.path < $1.path }) {
            entries.append(child)
            if child.isDirectory, descend(child) {
                try walk(root, relative: child.path, into: &entries, descend: descend)
            }
        }
    }
}
