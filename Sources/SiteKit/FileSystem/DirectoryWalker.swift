import Foundation

/// Lists folders with readdir, which reports each entry's type without a stat per file (Foundation's enumerators
/// stat every entry, a large part of build time on big sites). Symbolic links are never followed here: what an
/// author's link may reach is `SourceFolder`'s decision.
enum DirectoryWalker {
    struct Entry: Sendable {
        /// Relative to the walked folder, with `/` separators.
        var path: String
        var isDirectory: Bool
    }

    enum Kind: Sendable {
        case file, directory, symbolicLink
        /// A device, socket or FIFO: nothing a site is made of, and a FIFO would hang a read.
        case special
    }

    /// The names in `folder` and what each is (lstat where the file system does not say), sorted by their bytes.
    static func list(_ folder: String) throws -> [(name: String, kind: Kind)] {
        guard let directory = opendir(folder) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { closedir(directory) }
        var children: [(name: String, kind: Kind)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: Kind
            switch Int(entry.pointee.d_type) {
            case DT_REG: kind = .file
            case DT_DIR: kind = .directory
            case DT_LNK: kind = .symbolicLink
            case DT_UNKNOWN:
                var status = stat()
                guard lstat(folder + "/" + name, &status) == 0 else { continue }
                kind = Self.kind(status.st_mode)
            default: kind = .special
            }
            children.append((name, kind))
        }
        return children.sorted { $0.name < $1.name }
    }

    /// Every entry below `root`, depth first, parents before children. A symbolic link is listed as a file and
    /// never entered: for the build's own folders, where a link can only be removed.
    static func walk(_ root: String) throws -> [Entry] {
        var entries: [Entry] = []
        func walk(_ relative: String) throws {
            for (name, kind) in try list(relative.isEmpty ? root : root + "/" + relative) {
                let entry = Entry(path: relative.isEmpty ? name : relative + "/" + name, isDirectory: kind == .directory)
                entries.append(entry)
                if entry.isDirectory { try walk(entry.path) }
            }
        }
        try walk("")
        return entries
    }

    /// What an lstat mode says an entry is.
    static func kind(_ mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .special
        }
    }
}
