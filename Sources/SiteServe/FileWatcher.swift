import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (recursively) with inotify and reports changes after a quiet spell, so the several writes
/// of one editor save cause one rebuild. Creates, edits, renames and deletes all count.
final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private let quietPeriod: TimeInterval
    private let onChange: @Sendable (Set<String>) -> Void
    private var thread: Thread?
    private var running = true

    static let mask: UInt32 = UInt32(
        IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF)

    /// `onChange` gets the absolute paths that changed.
    init(folders roots: [URL], quietPeriod: TimeInterval = 0.03, onChange: @escaping @Sendable (Set<String>) -> Void) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.quietPeriod = quietPeriod
        self.onChange = onChange
        for root in roots { watchTree(root.path) }
    }

    deinit { close(descriptor) }

    private func watchTree(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { folders[watch] = path }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let child = path + "/" + name
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                watchTree(child)
            }
        }
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "build-site watcher"
        self.thread = thread
        thread.start()
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while running {
            guard waitReadable(timeout: -1) else { continue }
            var changed = drain(&buffer)
            // Coalesce: keep reading until nothing arrives for the quiet period.
            while waitReadable(timeout: Int32(quietPeriod * 1000)) { changed.formUnion(drain(&buffer)) }
            if !changed.isEmpty { onChange(changed) }
        }
    }

    private func waitReadable(timeout: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, timeout) > 0
    }

    /// Reads pending events; new folders are watched too. Returns the paths that changed.
    private func drain(_ buffer: inout [UInt8]) -> Set<String> {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var offset = 0
        var changed: Set<String> = []
        while offset < count {
            let (watch, mask, length, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
            }
            offset += MemoryLayout<inotify_event>.size + length
            if name.hasPrefix(".") { continue }
            changed.insert((folders[watch] ?? "") + "/" + name)
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = folders[watch] {
                watchTree(parent + "/" + name)
            }
        }
        return changed
    }
}
