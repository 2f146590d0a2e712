import Foundation
import TestSupport

/// Headless Chromium driven over W3C WebDriver: chromedriver is started for the test on a free loopback port, and
/// both are stopped when the browser is released, the test passed or not. Every request has a timeout, so a hung
/// browser fails the test instead of stalling it, and both programs run under `timeout`, so that even a test
/// runner that dies leaves nothing behind for long. Outside requests cannot leave the machine: every host name
/// resolves to nothing.
final class Browser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The longest either program may live, whatever happens to the test.
    static let lifetime = "600"

    private let driver: Process
    private let driverLines: LineCollector
    private let profile: TemporaryFolder
    private let port: Int
    private var session = ""

    /// - Parameter hostMap: host names the browser reaches on loopback ports instead of resolving them, e.g. an
    ///   https picture host served by a test server (whose self-signed certificate is then accepted).
    init(windowWidth: Int = 900, windowHeight: Int = 1000, hostMap: [String: Int] = [:]) async throws {
        guard let chromedriver = which("chromedriver"), let chromium = which("chromium") else {
            throw Failure(
                description: "chromium and chromedriver are needed: apt-get install chromium chromium-driver (make test does)")
        }
        guard let timeout = which("timeout") else { throw Failure(description: "coreutils' timeout is needed") }
        profile = try TemporaryFolder()
        // Chromium through a wrapper that gives it the same bounded life.
        let browserWrapper = profile.url.appendingPathComponent("chromium")
        try profile.write("chromium", "#!/bin/sh\nexec \(timeout.path) -k 5 \(Self.lifetime) \(chromium.path) \"$@\"\n")
        chmod(browserWrapper.path, 0o755)
        (driver, driverLines, port) = try Self.startDriver(chromedriver, under: timeout)
        let arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--no-proxy-server",
            "--host-resolver-rules="
                + (hostMap.sorted { $0.key < $1.key }.map { "MAP \($0.key) 127.0.0.1:\($0.value), " }.joined())
                + "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--window-size=\(windowWidth),\(windowHeight)",
            "--user-data-dir=\(profile.url.appendingPathComponent("profile").path)",
        ]
        let capabilities: [String: Any] = [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": browserWrapper.path, "args": arguments],
            "goog:loggingPrefs": ["browser": "ALL"],
            "acceptInsecureCerts": !hostMap.isEmpty,
            "timeouts": ["pageLoad": 20_000, "script": 10_000, "implicit": 0],
        ]
        let created = try await command("POST", "/session", ["capabilities": ["alwaysMatch": capabilities]])
        guard let id = (created as? [String: Any])?["sessionId"] as? String else {
            throw Failure(description: "no WebDriver session: \(String(describing: created))")
        }
        session = id
    }

    deinit {
        // Chromium closes with its session; stopping chromedriver alone would leave it running.
        if !session.isEmpty {
            _ = try? LoopbackHTTP.request(port: port, method: "DELETE", path: "/session/\(session)", body: Data(), timeout: 10)
        }
        // A signal might not reach it (children of test threads start with SIGTERM blocked): ask it to stop.
        _ = try? LoopbackHTTP.request(port: port, method: "GET", path: "/shutdown", body: Data(), timeout: 5)
        let deadline = Date().addingTimeInterval(5)
        while driver.isRunning && Date() < deadline { usleep(50_000) }
        if driver.isRunning {
            Self.killProcesses { $0.parent == driver.processIdentifier }
            kill(driver.processIdentifier, SIGKILL)
        }
        // Anything left of this browser carries its profile folder on its command line.
        let profilePath = profile.url.path
        Self.killProcesses { $0.commandLine.contains(profilePath) }
    }

    /// chromedriver on a loopback port of its choosing. It finds a free port and binds it afterwards, so a test
    /// running beside it may take the port in between ("IPv4 port not available"): then it is started again.
    private static func startDriver(_ chromedriver: URL, under timeout: URL) throws -> (Process, LineCollector, Int) {
        var output = ""
        for _ in 1...3 {
            let driver = Process()
            let lines = LineCollector()
            driver.executableURL = timeout
            driver.arguments = ["-k", "5", lifetime, chromedriver.path, "--port=0"]
            try ProcessSpawning.start(driver, collectingOutputIn: lines)
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, driver.isRunning {
                guard let line = lines.wait(for: "started successfully on port ", timeout: 0.5) else { continue }
                if let port = Int(line.components(separatedBy: "on port ").last?.prefix { $0.isNumber } ?? "") {
                    return (driver, lines, port)
                }
                break
            }
            kill(driver.processIdentifier, SIGKILL)
            let portTaken = lines.wait(for: "port not available", timeout: 2) != nil
            output = lines.text
            if !portTaken { break }
        }
        throw Failure(description: "chromedriver did not start: \(output)")
    }

    /// Ends the browser session, closing Chromium.
    func quit() async {
        _ = try? await command("DELETE", "/session/\(session)", nil)
        session = ""
    }

    private static func killProcesses(where matches: (_ process: (parent: Int32, commandLine: String)) -> Bool) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid(),
                let commandLine = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat")
            else { continue }
            // stat is `pid (name) state ppid …`; the name may hold spaces, so read after the last `)`.
            let fields = String(decoding: stat, as: UTF8.self).split(separator: ")").last?.split(separator: " ") ?? []
            let parent = fields.count > 1 ? Int32(fields[1]) ?? 0 : 0
            if matches((parent, String(decoding: commandLine, as: UTF8.self))) { kill(pid, SIGKILL) }
        }
    }

    // MARK: - Page

    func open(_ url: String) async throws {
        _ = try await command("POST", "/session/\(session)/url", ["url": url])
    }

    var currentURL: String {
        get async throws { try await command("GET", "/session/\(session)/url", nil) as? String ?? "" }
    }

    /// Runs `script` (a function body; `arguments[0]`… are the arguments) in the page and returns its result.
    @discardableResult
    func evaluate(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "/session/\(session)/execute/sync", ["script": script, "args": arguments])
    }

    func click(_ selector: String) async throws {
        let found = try await command("POST", "/session/\(session)/element", ["using": "css selector", "value": selector])
        guard let element = (found as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(selector)")
        }
        _ = try await command("POST", "/session/\(session)/element/\(element)/click", [String: Any]())
    }

    /// Polls `condition` (a script returning a boolean) until it holds.
    func waitUntil(_ condition: String, timeout: TimeInterval = 15, what: String) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let held = try? await evaluate("return Boolean(\(condition))") as? Bool, held { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw Failure(description: "timed out waiting for \(what) at \((try? await currentURL) ?? "?")")
    }

    /// Sets the window's outer size, e.g. a phone's width.
    func resize(width: Int, height: Int) async throws {
        _ = try await command("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    /// Presses Tab as a keyboard would (a trusted event, unlike one dispatched from a script).
    func pressTab() async throws { try await press("\u{E004}") }

    /// Presses a key as a keyboard would: a character, or a WebDriver key code (Enter is `\u{E007}`).
    func press(_ key: String) async throws { try await keyboard([key]) }

    /// Types `text` into the focused element, a key at a time as a keyboard would.
    func type(_ text: String) async throws { try await keyboard(text.map(String.init)) }

    private func keyboard(_ keys: [String]) async throws {
        let actions: [[String: Any]] = keys.flatMap { key -> [[String: Any]] in
            [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]]
        }
        _ = try await command(
            "POST", "/session/\(session)/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    /// Lets the page read and write the clipboard (WebDriver's Set Permission).
    func allowClipboard() async throws {
        for name in ["clipboard-read", "clipboard-write"] {
            _ = try await command(
                "POST", "/session/\(session)/permissions", ["descriptor": ["name": name], "state": "granted"])
        }
    }

    /// Emulates the reader's colour scheme preference (`light` or `dark`), through the DevTools protocol.
    func emulateColorScheme(_ scheme: String) async throws {
        _ = try await command(
            "POST", "/session/\(session)/goog/cdp/execute",
            [
                "cmd": "Emulation.setEmulatedMedia",
                "params": ["features": [["name": "prefers-color-scheme", "value": scheme]]],
            ])
    }

    func screenshot(to file: URL) async throws {
        guard let encoded = try await command("GET", "/session/\(session)/screenshot", nil) as? String,
            let png = Data(base64Encoded: encoded)
        else { throw Failure(description: "no screenshot") }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    struct LogEntry {
        var level: String
        var source: String
        var message: String
    }

    /// The console and security messages since the last call (Chromium reports CSP violations with source
    /// `security`).
    func consoleEntries() async throws -> [LogEntry] {
        let entries = try await command("POST", "/session/\(session)/se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.map {
            LogEntry(
                level: $0["level"] as? String ?? "", source: $0["source"] as? String ?? "",
                message: $0["message"] as? String ?? "")
        }
    }

    // MARK: - Wire

    private func command(_ method: String, _ path: String, _ body: Any?) async throws -> Any? {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        // chromedriver writes `Content-Length:917` without a space, which FoundationNetworking's libcurl refuses. The
        // wait is on a thread of its own: a browser test holding a cooperative thread for seconds stalls the run.
        let port = self.port
        let response = try await onOwnThread {
            try LoopbackHTTP.request(port: port, method: method, path: path, body: payload, timeout: 30)
        }
        let data = response.body
        let answer = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard response.status == 200 else {
            let error = answer?["value"] as? [String: Any]
            throw Failure(
                description:
                    "WebDriver \(method) \(path): \(error?["error"] ?? "?"): \(error?["message"] ?? String(decoding: data, as: UTF8.self))"
            )
        }
        return answer?["value"].flatMap { $0 is NSNull ? nil : $0 }
    }
}
