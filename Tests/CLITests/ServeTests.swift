import Foundation
import TestSupport
import Testing

/// `build-site serve`, started for real on a free port of 127.0.0.1.
final class ServeProcess {
    let process = Process()
    let port: Int
    private let lines = LineCollector()

    convenience init(site: FixtureSite, arguments: [String] = []) throws {
        try self.init(in: site.root, arguments: arguments)
    }

    /// Started on `port` and returned at once, without waiting for the server to say it serves.
    init(in directory: URL, port: Int, arguments: [String] = []) throws {
        process.executableURL = Executable.url("build-site")
        process.arguments = ["serve", "--port", String(port)] + arguments
        process.currentDirectoryURL = directory
        try ProcessSpawning.start(process, collectingOutputIn: lines)
        self.port = port
    }

    init(in directory: URL, arguments: [String] = []) throws {
        process.executableURL = Executable.url("build-site")
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        try ProcessSpawning.start(process, collectingOutputIn: lines)
        guard let line = lines.wait(for: "Serving http://127.0.0.1:", timeout: 30),
            let port = Int(line.split(separator: ":")[2].prefix { $0.isNumber })
        else {
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
        // Requests wait for the first build, but an edit made before it reads the file would be in it already.
        _ = lines.wait(forAnyOf: ["Built ", "error:"], timeout: 120)
    }

    deinit { stop() }

    /// Ends the server (and its local provider) at once.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var log: String { lines.text }

    /// A live-reload event stream, connected.
    func openEvents() throws -> SocketClient {
        let events = try SocketClient(port: port)
        try events.send("GET /__build-site/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        guard events.read(until: ": connected", timeout: 10) else { throw POSIXError(.ETIMEDOUT) }
        return events
    }

    func waitForLog(_ text: String, timeout: TimeInterval = 10) -> String? { lines.wait(for: text, timeout: timeout) }

    func get(_ path: String) throws -> (status: Int, type: String, body: String) {
        let response = try LoopbackHTTP.request(port: port, path: path)
        return (response.status, response.headers["content-type"] ?? "", response.text)
    }
}

extension ProcessSpawning {
    /// Starts a long-lived child with stdout and stderr collected line by line, and nothing on stdin.
    static func start(_ process: Process, collectingOutputIn lines: LineCollector) throws {
        let output = try start(process) { process in
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            return output
        }
        lines.drain(output)
    }
}

/// Collects a child's output lines as they come.
final class LineCollector: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer = ""

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return buffer
    }

    func drain(_ pipe: Pipe) {
        Thread.detachNewThread { [self] in
            while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
                condition.lock()
                buffer += String(decoding: data, as: UTF8.self)
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// The first line containing `text`, once it has been written.
    func wait(for text: String, timeout: TimeInterval) -> String? {
        wait(forAnyOf: [text], timeout: timeout)
    }

    /// The first line containing any of `texts`, once it has been written.
    func wait(forAnyOf texts: [String], timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = buffer.split(separator: "\n").first(where: { line in texts.contains { line.contains($0) } }) {
                return String(line)
            }
            guard condition.wait(until: deadline) else { return nil }
        }
    }
}

/// A plain TCP client for HTTP requests and the live-reload event stream.
final class SocketClient {
    private let socketDescriptor: Int32
    private var received = ""

    init(port: Int) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(socketDescriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socketDescriptor, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// Reads until `text` has arrived (true) or the time is up (false).
    func read(until text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !received.contains(text) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readSome(timeout: remaining) else { return received.contains(text) }
        }
        return true
    }

    var text: String { received }

    /// The next bytes, or nil at the end of the stream or after `timeout`.
    func receive(timeout: TimeInterval) -> Data? {
        var poller = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
        guard timeout > 0, poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socketDescriptor, &buffer, buffer.count, 0)
        return count > 0 ? Data(buffer[..<count]) : nil
    }

    private func readSome(timeout: TimeInterval) -> Bool {
        guard let chunk = receive(timeout: timeout) else { return false }
        received += String(decoding: chunk, as: UTF8.self)
        return true
    }
}

@Suite struct ServeTests {
    @Test func servesPagesWithTypesAnd404() throws {
        let site = try FixtureSite()
        try site.folder.write("content/404.md", "---\ntitle: Lost\n---\nNothing here.\n")
        let server = try ServeProcess(site: site)
        let home = try server.get("/")
        #expect(home.status == 200)
        #expect(home.type == "text/html; charset=utf-8")
        #expect(home.body.contains("/__build-site/live-reload.js"))
        #expect(try server.get("/demo/app.js").type == "text/javascript; charset=utf-8")
        #expect(try server.get("/guide/setup").status == 301)
        let missing = try server.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Nothing here."))
        #expect(try server.get("/../content/site.yml").status == 404)
        // The live-reload script is added in serve mode only.
        #expect(site.folder.read("site/index.html")?.contains("live-reload") == false)
    }

    /// A page elsewhere that renames itself to this machine (DNS rebinding) gets nothing; nor does a redirect
    /// ever name another host.
    @Test func answersOnlyItsOwnHostAndRedirectsOnlyWithinIt() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site)
        for host in ["localhost:\(server.port)", "[::1]:\(server.port)", "127.0.0.1:\(server.port)"] {
            #expect(try LoopbackHTTP.request(port: server.port, path: "/", host: host).status == 200, "\(host)")
        }
        for host in ["rebind.attacker:\(server.port)", "127.0.0.1:1", "127.0.0.1", "evil.example"] {
            let refused = try LoopbackHTTP.request(port: server.port, path: "/demo/app.js", host: host)
            #expect(refused.status == 403, "\(host)")
            #expect(!refused.text.contains("connect"), "\(host)")
        }
        for path in ["//guide", "///guide", "/guide//", "/%2Fguide", "/./guide"] {
            let answer = try LoopbackHTTP.request(port: server.port, path: path)
            if let location = answer.headers["location"] {
                #expect(location == "/guide/", "\(path) → \(location)")
            }
        }
        let redirect = try LoopbackHTTP.request(port: server.port, path: "//guide")
        #expect(redirect.status == 301 && redirect.headers["location"] == "/guide/")
    }

    /// A request made while the first build runs waits for it instead of getting a 404, and an edit made while
    /// it runs is built after it.
    @Test func theFirstBuildHoldsRequestsAndKeepsEditsMadeMeanwhile() throws {
        let site = try FixtureSite()
        for index in 0..<1500 {
            try site.folder.write("content/many/page-\(index).md", "---\ntitle: Page \(index)\n---\n## Part\nText \(index).\n")
        }
        let port = try LoopbackPort.unused()
        let server = try ServeProcess(in: site.root, port: port)
        let deadline = Date().addingTimeInterval(30)
        while (try? SocketClient(port: port)) == nil, Date() < deadline { usleep(5_000) }
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\nEdited while building.\n")
        let early = try LoopbackHTTP.request(port: port, path: "/guide/setup/", timeout: 60)
        #expect(early.status == 200, "\(early.status) \(server.log)")
        var page = early.text
        while !page.contains("Edited while building."), Date() < deadline {
            usleep(100_000)
            page = try LoopbackHTTP.request(port: port, path: "/guide/setup/").text
        }
        #expect(page.contains("Edited while building."), "\(server.log)")
    }

    @Test func servesUnderTheBasePath() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site, arguments: ["--base-url", "https://owner.github.io/repo/"])
        #expect(try server.get("/repo/").status == 200)
        #expect(try server.get("/repo/guide/setup/").status == 200)
        #expect(try server.get("/repo/demo/app.js").status == 200)
        #expect(try server.get("/guide/setup/").status == 404)
    }

    @Test func anEditReloadsAndABrokenEditKeepsTheLastGoodSite() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site)
        let events = try server.openEvents()

        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\n---\n## Install\nFresh words.\n## Use\n")
        #expect(events.read(until: "event: reload", timeout: 10), "\(events.text)")
        #expect(try server.get("/guide/setup/").body.contains("Fresh words."))

        try site.folder.write("content/guide/setup.md", "---\ntitle: [broken\n---\nBad words.\n")
        #expect(events.read(until: "event: build-error", timeout: 10), "\(events.text)")
        #expect(events.text.contains("content/guide/setup.md:3: invalid YAML front matter"))
        #expect(server.waitForLog("content/guide/setup.md:3: error: invalid YAML") != nil, "\(server.log)")
        let page = try server.get("/guide/setup/").body
        #expect(page.contains("Fresh words.") && !page.contains("Bad words."))
    }

    @Test func aTextEditRewritesOnePageAndATitleEditRebuildsAll() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site)
        let events = try server.openEvents()

        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Install\nOnly this page.\n## Use\n")
        #expect(server.waitForLog("Rebuilt guide/setup.md in") != nil, "\(server.log)")
        #expect(try server.get("/guide/setup/").body.contains("Only this page."))

        try site.folder.write("content/guide/setup.md", "---\ntitle: Installing\norder: 2\n---\n## Install\n## Use\n")
        #expect(server.waitForLog("Rebuilt all:") != nil, "\(server.log)")
        #expect(try server.get("/guide/").body.contains(">Installing</a>"), "the guide section's list shows the new title")
        #expect(events.read(until: "event: reload", timeout: 10))
    }

    @Test func aTitleRespelledInAnotherUnicodeFormRebuildsAll() throws {
        let site = try FixtureSite()
        try site.folder.write("content/guide/setup.md", "---\ntitle: Caf\u{E9}\norder: 2\n---\n## Install\n## Use\n")
        let server = try ServeProcess(site: site)
        // The same title to Swift's `==`, other bytes in the guide's list of pages.
        try site.folder.write("content/guide/setup.md", "---\ntitle: Cafe\u{301}\norder: 2\n---\n## Install\n## Use\n")
        #expect(server.waitForLog("Rebuilt all:") != nil, "\(server.log)")
        let list = Data(try server.get("/guide/").body.utf8)
        #expect(list.range(of: Data(">Cafe\u{301}</a>".utf8)) != nil && list.range(of: Data(">Caf\u{E9}</a>".utf8)) == nil)
    }

    @Test func aHeadingRespelledInAnotherUnicodeFormIsCheckedAgainstOtherPagesLinks() throws {
        let site = try FixtureSite()
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Install\n## Use\n## Caf\u{E9}\n")
        try site.folder.write("content/other.md", "---\ntitle: Other\n---\n[x](guide/setup.md#caf\u{E9})\n")
        let server = try ServeProcess(site: site)
        let events = try server.openEvents()
        // `==` to Swift, but another id to the browser that follows other.md's link.
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Install\n## Use\n## Cafe\u{301}\n")
        #expect(events.read(until: "event: build-error", timeout: 10), "\(events.text)")
        #expect(server.waitForLog("spelled another way in Unicode") != nil, "\(server.log)")
    }

    @Test func aHeadingEditThatBreaksAnotherPagesLinkIsCaught() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site)
        let events = try server.openEvents()
        // Only the text changes, but the home page links to `#install`: every link into the page is checked again.
        try site.folder.write("content/guide/setup.md", "---\ntitle: Setup\norder: 2\n---\n## Installing\n## Use\n")
        #expect(events.read(until: "event: build-error", timeout: 10), "\(events.text)")
        #expect(
            server.waitForLog(
                "content/index.md:5: error: link to `guide/setup.md#install`, but content/guide/setup.md has no heading or id `install`"
            ) != nil, "\(server.log)")
        #expect(try server.get("/guide/setup/").body.contains(#"id="install""#), "the last good site stays")
    }

    @Test func createsRenamesAndDeletesAreNoticed() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site)
        func waitFor(_ path: String, status: Int) -> Bool {
            for _ in 0..<100 {
                if (try? server.get(path).status) == status { return true }
                usleep(100_000)
            }
            return false
        }
        try site.folder.write("content/extra.md", "---\ntitle: Extra\n---\nNew.\n")
        #expect(waitFor("/extra/", status: 200), "\(server.log)")
        try FileManager.default.moveItem(
            at: site.root.appendingPathComponent("content/extra.md"), to: site.root.appendingPathComponent("content/moved.md"))
        #expect(waitFor("/moved/", status: 200), "\(server.log)")
        #expect(try server.get("/extra/").status == 404)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/moved.md"))
        #expect(waitFor("/moved/", status: 404), "\(server.log)")
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent("content/notes"), withIntermediateDirectories: true)
        usleep(200_000)
        try site.folder.write("content/notes/first.md", "---\ntitle: First note\n---\nIn a new folder.\n")
        #expect(waitFor("/notes/first/", status: 200), "a file in a folder created while serving: \(server.log)")
    }

    @Test(arguments: [SIGTERM, SIGINT], [false, true])
    func stopsCleanlyOnSignals(signal: Int32, withLocalProvider: Bool) throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site, arguments: withLocalProvider ? ["--local-idp"] : [])
        let events = try server.openEvents()
        kill(server.process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(10)
        while server.process.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!server.process.isRunning, "still running after the signal")
        #expect(server.process.terminationStatus == 0)
    }

    @Test func aBusyPortIsExplained() throws {
        let site = try FixtureSite()
        let first = try ServeProcess(site: site)
        let second = try run(Executable.url("build-site"), ["serve", "--port", String(first.port)], in: site.root)
        #expect(second.status != 0)
        #expect(second.stderr.contains("port \(first.port) on 127.0.0.1 is busy"))
    }
}
