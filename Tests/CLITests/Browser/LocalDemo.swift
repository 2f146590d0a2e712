import Foundation
import TestSupport

/// The repository's own site served by `build-site serve --local-idp` (into a temporary folder), with its local
/// OpenID provider. Killed with its provider when released.
final class LocalDemo {
    let folder: TemporaryFolder
    let serve: ServeProcess
    /// `http://127.0.0.1:PORT` of the local provider.
    let issuer: String

    /// - Parameter profile: the signed-in user's claims as JSON, or nil for the provider's standard user.
    init(profile: String? = nil, arguments: [String] = []) throws {
        folder = try TemporaryFolder()
        let root = Executable.packageRoot
        var options = [
            "--local-idp", "--content", root.appendingPathComponent("content").path, "--templates",
            root.appendingPathComponent("templates").path, "--output", folder.url.appendingPathComponent("site").path,
        ]
        if let profile {
            try folder.write("profile.json", profile)
            options += ["--idp-profile", folder.url.appendingPathComponent("profile.json").path]
        }
        serve = try ServeProcess(in: folder.url, arguments: options + arguments)
        guard let line = serve.waitForLog("Local OpenID provider at "),
            let issuer = line.components(separatedBy: "provider at ").last?.split(separator: ",").first
        else { throw Browser.Failure(description: "no provider line in: \(serve.log)") }
        self.issuer = String(issuer)
    }

    /// The page origin, which is also the demo's client_id and its tokens' audience.
    var origin: String { "http://127.0.0.1:\(serve.port)" }
    var demoURL: String { origin + "/demo/" }
    var providerPort: Int { Int(issuer.split(separator: ":").last ?? "") ?? 0 }

    /// One HTTP GET to the provider (redirects are not followed), as (status, headers, body).
    func providerGet(_ path: String, headers: [String: String] = [:]) throws -> (
        status: Int, headers: [String: String], body: String
    ) {
        let response = try LoopbackHTTP.request(port: providerPort, path: path, headers: headers)
        return (response.status, response.headers, response.text)
    }
}

/// A folder served as plain files on a given port of 127.0.0.1 (`Fixtures/static_server.py`); stops when
/// released, and by itself after two minutes.
final class StaticFileServer {
    private let process = Process()

    /// - Parameters:
    ///   - cors: answer with `Access-Control-Allow-Origin: *`, as a CDN does.
    ///   - dropping: close connections for paths under this prefix without an answer, as a server that is down.
    ///   - log: a file that gets a line per request: path, status and bytes of body sent.
    init(folder: URL, port: Int, cors: Bool = false, dropping prefix: String? = nil, log: URL? = nil) throws {
        process.executableURL = which("python3")
        var arguments = [
            Executable.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/static_server.py").path, String(port),
            folder.path,
        ]
        if cors { arguments.append("--cors") }
        if let prefix { arguments += ["--drop", prefix] }
        if let log { arguments += ["--log", log.path] }
        process.arguments = arguments
        try ProcessSpawning.start(process) { process in
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        // Ready once it answers.
        let deadline = Date().addingTimeInterval(10)
        while (try? LoopbackHTTP.request(port: port, path: "/", timeout: 1)) == nil {
            guard Date() < deadline else { throw Browser.Failure(description: "the file server did not start on \(port)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Where tests leave screenshots for a person to look at.
enum TestOutput {
    static let browser = Executable.packageRoot.appendingPathComponent("test-output/browser")
}
