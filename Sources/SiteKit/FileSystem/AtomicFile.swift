import Foundation

/// Replaces a file by writing a sibling and renaming it over, so readers see the old file or the new one, never
/// half of one.
enum AtomicFile {
    static func replace(_ file: URL, with text: String) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SiteError(file: file.path, "could not write: \(SiteError.reason(error))")
        }
    }
}
