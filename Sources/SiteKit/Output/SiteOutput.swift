import Foundation
import Synchronization

/// Writes the site into a staging folder beside the output as files are produced (pages are written as they
/// render, never all held in memory), then swaps it in only when every file is written, so that a failed build
/// leaves the previous site as it was. Every path is known before the first write.
struct SiteOutput: Sendable {
    let staging: URL
    /// The staging folder's path, worked out once: `URL.path` costs a few microseconds at every page's write.
    private let stagingPath: String
    let paths: Set<String>

    /// Clears what an earlier build left in the staging folder that this build does not write, and creates the
    /// folders the paths need.
    init(paths: Set<String>, staging stagingFolder: StagingFolder, display: String) throws {
        staging = stagingFolder.url
        stagingPath = staging.path
        self.paths = paths
        do {
            let folders = Self.folders(of: paths)
            let existing = try Self.removeUnwanted(
                from: try stagingFolder.entries(), in: staging, keeping: paths, folders: Set(folders))
            for folder in folders where !existing.contains(folder) {
                try Self.makeDirectory(stagingPath + "/" + folder)
            }
        } catch {
            throw SiteError(file: display, "could not write the site: \(SiteError.reason(error))")
        }
    }

    func write(_ path: String, text: String) throws {
        precondition(paths.contains(path), "\(path) was not planned")
        var text = text
        // A native string's bytes are written where they are, without a copy into `Data`.
        try text.withUTF8 { try Self.writeFile(stagingPath + "/" + path, UnsafeRawBufferPointer($0)) }
    }

    func copy(_ path: String, from source: URL) throws {
        precondition(paths.contains(path), "\(path) was not planned")
        try Data(contentsOf: source).withUnsafeBytes { try Self.writeFile(stagingPath + "/" + path, $0) }
    }

    /// Every folder the files need, parents before children (a parent's path is the shorter). By bytes: a site
    /// of 40,000 pages has as many folders, worked out before any page renders.
    private static func folders(of paths: Set<String>) -> [String] {
        var folders: Set<String> = []
        for path in paths {
            var folder = path.utf8[...]
            while let slash = folder.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if !folders.insert(String(Substring(folder))).inserted { break }
            }
        }
        return folders.sorted { $0.utf8.count < $1.utf8.count }
    }

    // Plain system calls: Foundation's writes sync every file to disk, which made large builds crawl.
    private static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    private static func writeFile(_ path: String, _ buffer: UnsafeRawBufferPointer) throws {
        // Overwrite, then cut to length: truncating to zero first makes ext4 flush the file on close.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        if let base = buffer.baseAddress {
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        guard ftruncate(descriptor, off_t(buffer.count)) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// The folder beside the output that keeps the previous build, so the next build rewrites its files in place
    /// instead of creating and deleting thousands of inodes.
    static func previousBuildFolder(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// Swaps the written staging folder in as the output; the old output becomes the previous build.
    func swap(into output: URL) throws {
        let fileManager = FileManager.default
        let previous = Self.previousBuildFolder(for: output)
        do {
            try? fileManager.removeItem(at: previous)
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: previous)
            }
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if !fileManager.fileExists(atPath: output.path), fileManager.fileExists(atPath: previous.path) {
                try? fileManager.moveItem(at: previous, to: output)
            }
            throw SiteError(file: output.path, "could not replace the site: \(SiteError.reason(error))")
        }
    }

    /// Deletes what an earlier build left in `folder` (listed in `entries`, parents first) that this build does
    /// not write, and returns the folders that stay.
    private static func removeUnwanted(
        from entries: [DirectoryWalker.Entry], in folder: URL, keeping paths: Set<String>, folders wantedFolders: Set<String>
    ) throws -> Set<String> {
        var kept: Set<String> = []
        var removedFolder: String?
        for entry in entries {
            if let removed = removedFolder, entry.path.hasPrefix(removed + "/") { continue }
            if entry.isDirectory ? wantedFolders.contains(entry.path) : paths.contains(entry.path) {
                if entry.isDirectory { kept.insert(entry.path) }
            } else {
                try FileManager.default.removeItem(atPath: folder.path + "/" + entry.path)
                if entry.isDirectory { removedFolder = entry.path }
            }
        }
        return kept
    }
}

/// The folder a build writes into before it is swapped in: the build before last, rewritten in place. Listing it
/// takes thousands of system calls on a large site, so that happens in the background while pages render.
final class StagingFolder: Sendable {
    let url: URL
    private let done = DispatchSemaphore(value: 0)
    private let listing = Mutex<Result<[DirectoryWalker.Entry], any Error>>(.success([]))

    static func url(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).next")
    }

    init(for output: URL) {
        url = Self.url(for: output)
        let previous = SiteOutput.previousBuildFolder(for: output)
        DispatchQueue.global().async { [self, url] in
            let result = Result {
                let fileManager = FileManager.default
                if !fileManager.fileExists(atPath: url.path), fileManager.fileExists(atPath: previous.path) {
                    try fileManager.moveItem(at: previous, to: url)
                }
                try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
                return try DirectoryWalker.walk(url.path)
            }
            listing.withLock { $0 = result }
            done.signal()
        }
    }

    /// After a failed build: puts the folder back as the previous build, so no `.next` folder is left behind.
    func abandon(output: URL) {
        _ = try? entries()
        let previous = SiteOutput.previousBuildFolder(for: output)
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: previous.path) {
            try? fileManager.removeItem(at: url)
        } else {
            try? fileManager.moveItem(at: url, to: previous)
        }
    }

    /// Waits for the listing: every file and folder already there, parents before children.
    func entries() throws -> [DirectoryWalker.Entry] {
        done.wait()
        done.signal()
        return try listing.withLock { $0 }.get()
    }
}
