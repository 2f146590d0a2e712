import Foundation

/// The test key server (`Fixtures/key_server.py`), started for real on 127.0.0.1 and stopped when the test
/// is done (it also stops by itself after a minute idle).
public final class KeyServer: Sendable {
    public let state: TemporaryFolder
    public let port: Int
    private let process: Process

    public let scheme: String
    public var issuer: String { "\(scheme)://127.0.0.1:\(port)" }
    /// The self-signed certificate the server presents with `tls`, for clients to trust via `SSL_CERT_FILE`.
    public static let certificate = fixture("tls-cert.pem")
    /// A self-signed certificate for `other.test` only, which fits no address a test connects to.
    public static let otherHostCertificate = fixture("tls-other-cert.pem")
    public var jwksURL: String { "\(issuer)/jwks" }

    public enum Identity: Sendable {
        /// `Fixtures/tls-cert.pem`, for 127.0.0.1.
        case loopback
        /// `Fixtures/tls-other-cert.pem`, for other.test.
        case otherHost
    }

    /// - Parameter tls: serve HTTPS with `Fixtures/tls-cert.pem` (for 127.0.0.1 only).
    public convenience init(tls: Bool = false) throws {
        try self.init(identity: tls ? .loopback : nil)
    }

    /// - Parameter identity: the certificate to serve HTTPS with, or nil for plain HTTP.
    public init(identity: Identity?) throws {
        state = try TemporaryFolder()
        scheme = identity == nil ? "http" : "https"
        let files: [String]
        switch identity {
        case .loopback?: files = [Self.certificate.path, Self.fixture("tls-key.pem").path]
        case .otherHost?: files = [Self.otherHostCertificate.path, Self.fixture("tls-other-key.pem").path]
        case nil: files = []
        }
        (process, port) = try PythonServer.start("key_server.py", [state.url.path] + files)
    }

    static func fixture(_ name: String) -> URL {
        Executable.packageRoot.appendingPathComponent("Tests/TestSupport/Fixtures/\(name)")
    }

    deinit {
        // SIGKILL: a child may inherit a blocked SIGTERM from the test runner's thread.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func set(_ file: String, _ contents: String) throws { try state.write(file, contents) }
    public func remove(_ file: String) { try? FileManager.default.removeItem(at: state.url.appendingPathComponent(file)) }

    /// Paths requested so far, in order.
    public var requests: [String] { (state.read("requests.log") ?? "").split(separator: "\n").map(String.init) }
    /// Request lines exactly as they arrived, CR LF included.
    public var requestLines: String { state.read("request-lines.log") ?? "" }
}

/// An HTTP CONNECT proxy (`Fixtures/connect_proxy.py`) on 127.0.0.1, which logs the tunnels it opens.
public final class ConnectProxy: Sendable {
    public let state: TemporaryFolder
    public let port: Int
    private let process: Process

    public init() throws {
        state = try TemporaryFolder()
        (process, port) = try PythonServer.start("connect_proxy.py", [state.url.path])
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The `host:port` of every tunnel asked for, in order.
    public var tunnels: [String] { (state.read("tunnels.log") ?? "").split(separator: "\n").map(String.init) }
    public var authorizations: [String] { (state.read("authorization.log") ?? "").split(separator: "\n").map(String.init) }
}

/// Starts a test server script from `Fixtures/` and reads the port it prints on its first line.
public enum PythonServer {
    public static func start(_ script: String, _ arguments: [String]) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = which("python3")
        process.arguments =
            [Executable.packageRoot.appendingPathComponent("Tests/TestSupport/Fixtures/\(script)").path] + arguments
        let output = try ProcessSpawning.start(process) { process in
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            return output
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw CocoaError(.fileReadUnknown) }
        return (process, port)
    }
}
