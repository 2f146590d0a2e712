import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (recursively) with inotify and reports changes after a quiet spell, so the several writes
/// of one editor save cause one rebuild. Creates, edits, renames and deletes all count. `stop()` ends the watch
/// thread and closes its descriptors; so does releasing the watcher.
final class FileWatcher: Sendable {
    private let inotify: Int32
    /// Written to by `stop()` to wake the watch thread from poll(2).
    private let wake: (read: Int32, write: Int32)
    /// Watch descriptors and their folders; the watch thread adds new folders.
    private let folders = Mutex<[Int32: String]>([:])
    private let quietPeriod: TimeInterval
    private let onChange: @Sendable (Set<String>) -> Void
    private let stopped = DispatchSemaphore(value: 0)
    private let state = Mutex<State>(.idle)

    private enum State { case idle, running, stopped }

    static let mask: UInt32 = UInt32(
        IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF)

    /// `onChange` gets the absolute paths that changed.
    init(folders roots: [URL], quietPeriod: TimeInterval = 0.03, onChange: @escaping @Sendable (Set<String>) -> Void) throws {
        inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(inotify)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        wake = (pipeEnds[0], pipeEnds[1])
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.quietPeriod = quietPeriod
        self.onChange = onChange
        for root in roots { watchTree(root.path) }
    }

    deinit {
        stop()
        close(inotify)
        close(wake.read)
        close(wake.write)
    }

    func start() {
        let starting = state.withLock { state in
            guard case .idle = state else { return false }
            state = .running
            return true
        }
        guard starting else { return }
        let thread = Thread { [self] in
            run()
            stopped.signal()
        }
        thread.name = "build-site watcher"
        thread.start()
    }

    /// Ends the watch thread, waiting for it; later changes are not reported.
    func stop() {
        let wasRunning = state.withLock { state in
            defer { state = .stopped }
            if case .running = state { return true }
            return false
        }
        guard wasRunning else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        stopped.wait()
    }

    private var isRunning: Bool { state.withLock { if case .running = $0 { return true } else { return false } } }

    private func watchTree(_ path: String) {
        let watch = inotify_add_watch(inotify, path, Self.mask)
        if watch >= 0 { folders.withLock { $0[watch] = path } }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let child = path + "/" + name
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                watchTree(child)
            }
        }
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while isRunning {
            guard waitReadable(timeout: -1) else { continue }
            var changed = drain(&buffer)
            // Coalesce: keep reading until nothing arrives for the quiet period.
            while isRunning, waitReadable(timeout: Int32(quietPeriod * 1000)) { changed.formUnion(drain(&buffer)) }
            if isRunning, !changed.isEmpty { onChange(changed) }
        }
    }

    /// Whether inotify has events; false after the timeout, or when `stop()` wrote to the wake pipe.
    private func waitReadable(timeout: Int32) -> Bool {
        var pollers = [
            pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
        ]
        guard poll(&pollers, 2, timeout) > 0 else { return false }
        return pollers[1].revents == 0 && pollers[0].revents & Int16(POLLIN) != 0
    }

    /// Reads pending events; new folders are watched too. Returns the paths that changed.
    private func drain(_ buffer: inout [UInt8]) -> Set<String> {
        let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
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
            let parent = folders.withLock { $0[watch] }
            changed.insert((parent ?? "") + "/" + name)
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent {
                watchTree(parent + "/" + name)
            }
        }
        return changed
    }
}
