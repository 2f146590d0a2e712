import Foundation
import IssuerKeys
import OpenSSLHTTPClient
import Synchronization

/// A `DocumentFetching` that answers from a script instead of the network: a document (or failure) per URL,
/// every request recorded, and a gate that holds fetches until the test opens it.
final class ScriptedFetcher: DocumentFetching {
    private struct State {
        var answers: [String: Result<FetchedDocument, HTTPFetchError>] = [:]
        var requests: [String] = []
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func answer(_ url: String, _ body: String, maxAge: Int? = nil) {
        state.withLock { $0.answers[url] = .success(FetchedDocument(body: Array(body.utf8), maxAge: maxAge)) }
    }

    func fail(_ url: String, _ error: HTTPFetchError) {
        state.withLock { $0.answers[url] = .failure(error) }
    }

    var requests: [String] { state.withLock { $0.requests } }

    /// Fetches from now on wait until `release()`.
    func hold() { state.withLock { $0.held = true } }

    func release() {
        let waiting = state.withLock { state in
            state.held = false
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { $0.resume() }
    }

    /// Waits (yielding, never sleeping) until `count` requests have arrived.
    func waitForRequests(_ count: Int) async {
        for _ in 0..<100_000 where requests.count < count { await Task.yield() }
    }

    func fetch(_ url: URL) async throws -> FetchedDocument {
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { state in
                state.requests.append(url.absoluteString)
                if state.held { state.waiting.append(continuation) }
                return !state.held
            }
            if proceed { continuation.resume() }
        }
        let answer = state.withLock { $0.answers[url.absoluteString] }
        guard let answer else { throw HTTPFetchError(.badStatus, "HTTP 404 from \(url.absoluteString)") }
        return try answer.get()
    }
}

/// Seconds since 1970 that move only when the test says so.
final class TestClock: Sendable {
    private let seconds = Mutex<Int64>(1_800_000_000)

    var now: Int64 { seconds.withLock { $0 } }
    func advance(by delta: Int64) { seconds.withLock { $0 += delta } }
    var read: @Sendable () -> Int64 { { self.now } }
}
