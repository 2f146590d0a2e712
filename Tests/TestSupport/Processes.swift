import Foundation
import Synchronization

/// The package's own executables, built next to this test bundle.
public enum Executable {
    /// `TOOLS_UNDER_TEST` runs the tests against other builds of the tools (say, a build from before a fix).
    public static let directory =
        ProcessInfo.processInfo.environment["TOOLS_UNDER_TEST"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
}

public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// The process was ended by a signal (`status` is then the signal's number), not by exiting.
    public var signaled = false
}

/// Runs a program to completion, feeding `input` to its stdin.
public func run(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, input: String? = nil, environment: [String: String]? = nil
)
    throws -> ProcessResult
{
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    try process.run()
    // Feed stdin and read both output pipes at once: a program that streams (`--batch`) answers before it has
    // read all its input, and would fill stdout while a writer of all the input first still waits on stdin.
    let writer = PipeWriter(stdin, Data((input ?? "").utf8))
    let errorReader = PipeReader(stderr)
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    writer.wait()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
        stderr: String(decoding: errorReader.wait(), as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
}

/// `run`, waited for on a thread of its own, for programs that take many seconds (the Nu checker's JVM): a
/// synchronous wait holds one of Swift's cooperative threads, of which two cores give two, and while two such
/// waits run, every async test of the run stalls (a key server's idle limit, a fetch's deadline run out).
public func runOffThePool(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, input: String? = nil, environment: [String: String]? = nil
) async throws -> ProcessResult {
    try await onOwnThread { try run(executable, arguments, in: directory, input: input, environment: environment) }
}

/// Blocking work (a process, a request to a local server) on a thread of its own, awaited without holding one of
/// Swift's cooperative threads.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Tests run in parallel. A child started while another child's pipes are being set up inherits their write
/// ends, and a long-lived child (the key server) then keeps those pipes, and Foundation's exit notification,
/// from ever closing. Creating pipes and starting a process happen under one lock.
public enum ProcessSpawning {
    private static let lock = Mutex(())

    public static func start<T>(_ process: Process, wiring: (Process) throws -> T) throws -> T {
        try lock.withLock { _ in
            let pipes = try wiring(process)
            try process.run()
            return pipes
        }
    }
}

/// Drains a pipe on another thread.
public final class PipeReader: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    public init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            data.withLock { $0 = all }
            done.signal()
        }
    }

    public func wait() -> Data {
        done.wait()
        return data.withLock { $0 }
    }
}

/// Writes `data` to a pipe on another thread, then closes it. A program that exits before reading all of it
/// only ends the writing early.
public final class PipeWriter: Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// A write to a pipe whose reader has exited then fails with EPIPE instead of ending the test process.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    public init(_ pipe: Pipe, _ data: Data) {
        Self.ignoreBrokenPipes
        let handle = pipe.fileHandleForWriting
        Thread.detachNewThread { [self] in
            if !data.isEmpty { try? handle.write(contentsOf: data) }
            try? handle.close()
            done.signal()
        }
    }

    public func wait() { done.wait() }
}

/// Locates a program on PATH.
public func which(_ name: String) -> URL? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}

/// A throwaway folder that removes itself.
public final class TemporaryFolder: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("site-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Atomic: servers in the tests read these files while a test rewrites them.
        try data.write(to: file, options: .atomic)
    }

    public func read(_ path: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// Every file below `path`, relative to it, with its bytes.
    public func snapshot(_ path: String) throws -> [String: Data] {
        let root = url.appendingPathComponent(path)
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = enumerator?.nextObject() as? URL {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(file.path.dropFirst(root.path.count + 1))] = try Data(contentsOf: file)
        }
        return files
    }
}
