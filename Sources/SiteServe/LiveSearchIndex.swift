import Foundation
import SiteKit
import Synchronization

/// The search index under `serve`: Pagefind indexes the built site after each build, off the rebuild's path (a
/// reload never waits for it), into a folder of its own that is served only once complete, so a reader never
/// gets a half-written index. The index before stays until the next one replaces it: a page that loaded it may
/// still ask for its parts.
final class LiveSearchIndex: Sendable {
    private struct State {
        var current: URL?
        var previous: URL?
        var generation = 0
        var running = false
        /// The next run, asked for while one was running: only the latest counts.
        var pending: Pagefind?
    }

    private let site: URL
    private let folder: URL
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "build-site search index")

    init(site: URL, log: @escaping @Sendable (String) -> Void) {
        self.site = site
        self.log = log
        folder = site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).search")
        try? FileManager.default.removeItem(at: folder)
    }

    /// The folders to serve the index from, the newest first.
    var folders: [URL] { state.withLock { [$0.current, $0.previous].compactMap { $0 } } }

    /// Indexes the site again; while a run is going, the latest request waits for its end.
    func refresh(with pagefind: Pagefind) {
        let start = state.withLock { state in
            if state.running {
                state.pending = pagefind
                return false
            }
            state.running = true
            return true
        }
        if start { queue.async { self.run(pagefind) } }
    }

    private func run(_ first: Pagefind) {
        var next: Pagefind? = first
        while let pagefind = next {
            let generation = state.withLock { state in
                state.generation += 1
                return state.generation
            }
            let target = folder.appendingPathComponent(String(generation))
            do {
                let summary = try pagefind.index(site: site, into: target, display: site.path)
                let stale = state.withLock { state in
                    defer { (state.previous, state.current) = (state.current, target) }
                    return state.previous
                }
                if let stale { try? FileManager.default.removeItem(at: stale) }
                log("Search index: \(summary.pages) pages in \(String(format: "%.2f", summary.seconds)) s")
            } catch {
                try? FileManager.default.removeItem(at: target)
                log("Search index not updated: \(error)")
            }
            next = state.withLock { state in
                defer { state.pending = nil }
                if state.pending == nil { state.running = false }
                return state.pending
            }
        }
    }
}
