import Foundation

/// A folder the build reads authors' files from (`content/`, `templates/`), and the one rule for what may be read
/// through it: nothing outside it. A symbolic link may name a file or folder inside it; a link that leaves it
/// (`../outside/secret.txt`, `/proc/self/environ`), one that resolves to nothing (a missing target, a loop), and an
/// entry that is neither a file nor a folder (a device, a socket, a FIFO) is a build error naming it. git keeps
/// symbolic links, so a pull request can add any of these; the build must not publish what they point to.
struct SourceFolder: Sendable {
    /// The folder as given, for paths to read.
    let path: String
    /// As messages name it (`content`).
    let displayRoot: String
    /// The folder's own real path, with every link resolved: what "inside" is measured against.
    let realRoot: String

    /// - Parameter missing: the error when the folder does not exist (`content folder not found`).
    init(_ url: URL, displayRoot: String, missing: String) throws {
        path = url.path
        self.displayRoot = displayRoot
        guard let real = Self.realPath(path), Self.isDirectory(real) else { throw SiteError(file: displayRoot, missing) }
        realRoot = real
    }

    /// Every file and folder below the folder, depth first, parents first, through links that stay inside.
    /// - Parameter isRead: false for a name the build never reads or publishes (`.git`, `_api`): it is listed as
    ///   found, without following or entering it. Includes that reach into it are checked by `resolve`.
    func walk(isRead: (_ name: String) -> Bool = { _ in true }) throws -> [DirectoryWalker.Entry] {
        var entries: [DirectoryWalker.Entry] = []
        // Real paths of the folders being walked: a link back to one of them is a loop.
        var open: Set<String> = [realRoot]
        func walk(_ relative: String, real realFolder: String) throws {
            let listing: [(name: String, kind: DirectoryWalker.Kind)]
            do {
                listing = try DirectoryWalker.list(relative.isEmpty ? path : path + "/" + relative)
            } catch {
                throw SiteError(file: display(relative), "cannot list the folder: \(SiteError.reason(error))")
            }
            for (name, kind) in listing {
                let child = relative.isEmpty ? name : relative + "/" + name
                guard isRead(name) else {
                    entries.append(DirectoryWalker.Entry(path: child, isDirectory: kind == .directory))
                    continue
                }
                var real = realFolder + "/" + name
                let isDirectory: Bool
                switch kind {
                case .file: isDirectory = false
                case .directory: isDirectory = true
                case .symbolicLink: (real, isDirectory) = try followLink(child)
                case .special: throw SiteError(file: display(child), Self.notAFileOrFolder)
                }
                entries.append(DirectoryWalker.Entry(path: child, isDirectory: isDirectory))
                guard isDirectory else { continue }
                guard open.insert(real).inserted else {
                    throw SiteError(file: display(child), "is a symbolic link to a folder that contains it: a loop")
                }
                try walk(child, real: real)
                open.remove(real)
            }
        }
        try walk("", real: realRoot)
        return entries
    }

    /// The real path of `relative` (already normalized, inside the folder) when it is a file inside it; for
    /// includes, whose errors name the page and line that asked.
    func resolveFile(_ relative: String, file: String, line: Int?) throws -> String {
        let full = path + "/" + relative
        guard let real = Self.realPath(full) else {
            if errno == ELOOP { throw SiteError(file: file, line: line, "`\(relative)` is a symbolic link loop") }
            throw SiteError(file: file, line: line, "included file `\(relative)` does not exist under \(displayRoot)/")
        }
        guard isInside(real) else {
            throw SiteError(
                file: file, line: line,
                "`\(relative)` is a symbolic link to `\(real)`, outside \(displayRoot)/: includes must name a file inside it")
        }
        var status = stat()
        guard stat(real, &status) == 0 else {
            throw SiteError(file: file, line: line, "included file `\(relative)` does not exist under \(displayRoot)/")
        }
        switch DirectoryWalker.kind(status.st_mode) {
        case .file: return real
        case .directory: throw SiteError(file: file, line: line, "`\(relative)` is a folder; `file=` names a file")
        case .symbolicLink, .special: throw SiteError(file: file, line: line, "`\(relative)` \(Self.notAFileOrFolder)")
        }
    }

    private static let notAFileOrFolder =
        "is neither a file nor a folder (a device, socket or pipe): the build reads only files and folders"

    /// Where a link inside the folder leads, when that is a file or folder inside it.
    private func followLink(_ relative: String) throws -> (real: String, isDirectory: Bool) {
        let full = path + "/" + relative
        let target = Self.linkText(full) ?? "?"
        guard let real = Self.realPath(full) else {
            let why = errno == ELOOP ? "a loop of links" : "nothing: its target does not exist"
            throw SiteError(file: display(relative), "is a symbolic link to `\(target)`, which leads to \(why)")
        }
        guard isInside(real) else {
            throw SiteError(
                file: display(relative),
                "is a symbolic link to `\(target)`, outside \(displayRoot)/: the build reads and publishes nothing "
                    + "from outside it (copy the file in, or link the other way round)")
        }
        var status = stat()
        guard stat(real, &status) == 0 else {
            throw SiteError(file: display(relative), "is a symbolic link to `\(target)`, which cannot be read")
        }
        switch DirectoryWalker.kind(status.st_mode) {
        case .file: return (real, false)
        case .directory: return (real, true)
        case .symbolicLink, .special:
            throw SiteError(file: display(relative), "is a symbolic link to `\(target)`, which \(Self.notAFileOrFolder)")
        }
    }

    /// The folder itself or anything below it (a link to the folder itself is then a loop, not a way out).
    private func isInside(_ real: String) -> Bool {
        guard real.utf8.starts(with: realRoot.utf8) else { return false }
        let rest = real.utf8.dropFirst(realRoot.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }

    private func display(_ relative: String) -> String { relative.isEmpty ? displayRoot : "\(displayRoot)/\(relative)" }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func linkText(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && DirectoryWalker.kind(status.st_mode) == .directory
    }
}
