import ExampleAPI
import Foundation
import Hummingbird
import LocalOpenIDProvider
import Logging
import LoopbackServing
import NIOCore
import ServiceLifecycle
import SiteKit
import Synchronization

/// `build-site serve`: builds, serves the site on 127.0.0.1 under its base path, rebuilds when content or
/// templates change, and tells open pages to reload (or shows the error, still serving the last good site).
public struct DevServer: Sendable {
    public struct Options: Sendable {
        public var build: SiteBuild.Options
        public var port: Int
        /// Also run a local OpenID provider and build the demo against it and the connect stand-in it serves.
        public var localProvider: LocalOpenIDProvider.Options?

        public init(build: SiteBuild.Options, port: Int, localProvider: LocalOpenIDProvider.Options? = nil) {
            self.build = build
            self.port = port
            self.localProvider = localProvider
        }
    }

    public struct PortBusy: Error, CustomStringConvertible {
        public let port: Int
        public var option = "--port"
        public var description: String { "port \(port) on 127.0.0.1 is busy; pick another with \(option)" }

        /// Runs a server, turning NIO's bind failure (EADDRINUSE) into this error.
        static func reporting(port: Int, option: String = "--port", _ serve: () async throws -> Void) async throws {
            do {
                try await serve()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw PortBusy(port: port, option: option)
            }
        }
    }

    public let options: Options
    let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    public func run() async throws {
        // A parent (a test runner's worker thread, a task runner) may hand down a blocked SIGINT/SIGTERM; the
        // server must still stop on them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        guard let providerOptions = options.localProvider else {
            try await serveSite(build: options.build, localIssuer: nil)
            return
        }
        let provider = try LocalOpenIDProvider(options: providerOptions, log: log)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (issuers, announce) = AsyncStream.makeStream(of: String.self)
            group.addTask {
                defer { announce.finish() }
                try await PortBusy.reporting(port: providerOptions.port, option: "--idp-port") {
                    try await provider.run { issuer in announce.yield(issuer) }
                }
            }
            var announced = issuers.makeAsyncIterator()
            if let issuer = await announced.next() {
                log(
                    "Local OpenID provider at \(issuer), signing \(providerOptions.algorithm.rawValue); the demo uses its connect stand-in"
                )
                group.addTask { try await self.serveSite(build: self.options.build, localIssuer: issuer) }
            }
            // Whichever stops first (a signal stops both, a busy port one) ends the other.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Serves the site; with a local provider (`localIssuer`), also the example API for its demo, and builds the
    /// demo against both. The first build waits for the port, since the API's audience is the page origin.
    private func serveSite(build: SiteBuild.Options, localIssuer: String?) async throws {
        let log = self.log
        let liveReload = LiveReload()
        let basePath = build.baseURL.path
        let files = StaticSite(root: build.output, basePath: basePath)
        let searchIndex = LiveSearchIndex(site: build.output, log: log)
        let firstBuild = BuildGate()
        let (ports, announcePort) = AsyncStream.makeStream(of: Int.self)
        let bound = BoundPort(options.port)
        let app = Application(
            router: LoopbackOnly(
                Self.siteRouter(files, liveReload: liveReload, searchIndex: searchIndex, firstBuild: firstBuild),
                port: { bound.value }),
            configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "build-site"),
            onServerRunning: { channel in
                bound.value = channel.localAddress?.port ?? 0
                announcePort.yield(bound.value)
            },
            logger: Logger(label: "build-site", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { announcePort.finish() }
                try await PortBusy.reporting(port: self.options.port) { try await app.runService() }
            }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next() else {
                try await group.next()
                return
            }
            var build = build
            // Pagefind runs after each build, beside the server, never between an edit and its reload.
            build.searchIndexing = .byCaller
            if let issuer = localIssuer {
                let api = try await Self.startExampleAPI(issuer: issuer, pageOrigin: "http://127.0.0.1:\(port)", in: &group)
                build.connectStandIn = .init(moduleURL: issuer + LocalOpenIDProvider.standInPath, issuer: issuer, api: api)
                log("Example API at \(api), for tokens from \(issuer) with audience http://127.0.0.1:\(port)")
            }
            let watcher = try startBuilding(build, liveReload: liveReload, searchIndex: searchIndex, firstBuild: firstBuild)
            defer { watcher.stop() }
            log("Serving http://127.0.0.1:\(port)\(basePath) (Ctrl-C to stop)")
            // Whichever server stops first (a signal stops all) ends the others.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Builds once, then rebuilds on every change the returned watcher sees, telling open pages to reload. The
    /// watcher starts before the first build, so an edit made while it runs is rebuilt after it; `firstBuild`
    /// opens once that build is in place (or failed), and requests wait for it rather than get a 404.
    private func startBuilding(
        _ build: SiteBuild.Options, liveReload: LiveReload, searchIndex: LiveSearchIndex, firstBuild: BuildGate
    ) throws -> FileWatcher {
        let log = self.log
        let rebuilds = DispatchQueue(label: "build-site rebuild")
        let site = IncrementalSite(options: build)
        let report = { @Sendable (error: any Error) -> String in
            if let error = error as? SiteError {
                log(error.compilerStyle)
                return error.description
            }
            if let errors = error as? SiteErrors {
                errors.errors.forEach { log($0.compilerStyle) }
                return errors.description
            }
            log("error: \(error)")
            return "\(error)"
        }
        let watcher = try FileWatcher(folders: [build.content, build.templates]) { paths in
            rebuilds.async {
                let event: LiveReload.Event
                do {
                    let result = try site.rebuild(changed: paths)
                    let time = String(format: "%.3f", result.summary.seconds)
                    result.summary.warnings.forEach { log($0.compilerStyle) }
                    if let pages = result.rewrittenPages {
                        log("Rebuilt \(pages.joined(separator: ", ")) in \(time) s")
                    } else {
                        log("Rebuilt all: \(result.summary.pages) pages and \(result.summary.assets) assets in \(time) s")
                    }
                    event = .reload
                    result.summary.searchIndexer.map(searchIndex.refresh)
                } catch {
                    event = .failure(report(error))
                }
                Task { await liveReload.publish(event) }
            }
        }
        rebuilds.async {
            defer { firstBuild.open() }
            do {
                let summary = try site.buildAll()
                summary.warnings.forEach { log($0.compilerStyle) }
                log("Built \(summary.pages) pages and \(summary.assets) assets in \(String(format: "%.2f", summary.seconds)) s")
                summary.searchIndexer.map(searchIndex.refresh)
            } catch {
                let message = report(error)
                Task { await liveReload.publish(.failure(message)) }
            }
        }
        watcher.start()
        return watcher
    }

    /// The tutorial's example API on a free port of 127.0.0.1; returns the URL of its `/api/me`.
    private static func startExampleAPI(
        issuer: String, pageOrigin: String, in group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws -> String {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let bound = BoundPort()
        let api = Application(
            router: LoopbackOnly(
                exampleAPIRouter(issuer: issuer, pageOrigin: pageOrigin, keys: issuerKeys(issuer)), port: { bound.value }),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "example-api"),
            onServerRunning: { channel in
                bound.value = channel.localAddress?.port ?? 0
                announce.yield(bound.value)
            },
            logger: Logger(label: "example-api", factory: { _ in SwiftLogNoOpLogHandler() }))
        group.addTask {
            defer { announce.finish() }
            try await api.runService()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return "http://127.0.0.1:\(port)/api/me"
    }

    /// Pages (with the live-reload script), redirects, the 404 page and the event stream; other files come from
    /// Hummingbird's FileMiddleware (types, ranges, ETags), when these routes leave them to it.
    private static func siteRouter(
        _ files: StaticSite, liveReload: LiveReload, searchIndex: LiveSearchIndex, firstBuild: BuildGate
    ) -> Router<BasicRequestContext> {
        let router = Router()
        // Before the first build is in place there is nothing (or an old site) to serve: requests wait for it.
        router.add(middleware: WaitingForFirstBuild(gate: firstBuild))
        router.add(
            middleware: FileMiddleware(
                files.root.path, urlBasePath: files.basePath, cacheControl: .init([(MediaType(type: .any), [.noStore])]),
                logger: Logger(label: "build-site", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            // What GitHub Pages sends: scripts as text/javascript, text in UTF-8.
            .withAdditionalMediaTypes(forFileExtensions: [
                "js": MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")),
                "mjs": MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")),
                "css": MediaType(type: .text, subType: "css", parameter: ("charset", "utf-8")),
                "txt": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
            ]))
        router.get("/") { request, _ in try await respond(to: request, site: files, liveReload: liveReload) }
        router.get("**") { request, _ in
            if let file = searchIndexFile(request.uri.path, site: files, index: searchIndex) { return file }
            return try await respond(to: request, site: files, liveReload: liveReload)
        }
        return router
    }

    static func respond(to request: Request, site: StaticSite, liveReload: LiveReload) async throws -> Response {
        let path = request.uri.path
        if path == site.basePath + StaticSite.eventsPath {
            let events = await liveReload.subscribe()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: ": connected\n\n"))
                    // An open page never ends its stream; shutting down must, or the server waits for it forever.
                    try await withGracefulShutdownHandler {
                        for await event in events { try await writer.write(ByteBuffer(string: event.frame)) }
                    } onGracefulShutdown: {
                        Task { await liveReload.close() }
                    }
                    try await writer.finish(nil)
                })
        }
        if path == site.basePath + StaticSite.scriptPath {
            return Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: StaticSite.liveReloadScript)))
        }
        switch site.resolve(path) {
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location])
        case .file(let url) where url.pathExtension.lowercased() == "html":
            return file(url, status: .ok, site: site)
        case .file:
            // FileMiddleware serves it.
            throw HTTPError(.notFound)
        case .notFound:
            let notFound = site.root.appendingPathComponent("404.html")
            if FileManager.default.fileExists(atPath: notFound.path) { return file(notFound, status: .notFound, site: site) }
            return Response(
                status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found: \(path)\n")))
        }
    }

    /// A file of the search index (`pagefind/…`), from the newest index that has it; nil for other paths.
    static func searchIndexFile(_ path: String, site: StaticSite, index: LiveSearchIndex) -> Response? {
        let prefix = site.basePath + Pagefind.folder + "/"
        guard path.hasPrefix(prefix) else { return nil }
        for folder in index.folders {
            guard case .file(let url) = StaticSite(root: folder, basePath: prefix).resolve(path),
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            let type =
                switch url.pathExtension {
                case "js": "text/javascript; charset=utf-8"
                case "css": "text/css; charset=utf-8"
                case "json": "application/json"
                case "pagefind": "application/wasm"
                default: "application/octet-stream"
                }
            return Response(
                status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        return Response(
            status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "The search index is not built yet.\n")))
    }

    /// A page, with the live-reload script.
    static func file(_ url: URL, status: HTTPResponse.Status, site: StaticSite) -> Response {
        guard let data = FileManager.default.contents(atPath: url.path) else { return Response(status: .notFound) }
        let page = site.injectLiveReload(into: String(decoding: data, as: UTF8.self))
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
