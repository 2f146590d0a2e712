/// Fans build results out to every open page (Server-Sent Events), so a browser tab reloads after a rebuild
/// and shows an overlay when a build fails.
actor LiveReload {
    enum Event: Sendable {
        case reload
        case failure(String)

        /// The SSE frame for this event.
        var frame: String {
            switch self {
            case .reload: return "event: reload\ndata: {}\n\n"
            case .failure(let message):
                let data = message.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(
                    separator: "\n")
                return "event: build-error\n\(data)\n\n"
            }
        }
    }

    private var subscribers: [Int: AsyncStream<Event>.Continuation] = [:]
    private var nextID = 0
    /// The current failure, sent to pages that connect while the build is broken.
    private var failure: String?

    func subscribe() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = nextID
        nextID += 1
        subscribers[id] = continuation
        if let failure { continuation.yield(.failure(failure)) }
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    func publish(_ event: Event) {
        if case .failure(let message) = event { failure = message } else { failure = nil }
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// Ends every stream so that the server can shut down.
    func close() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func remove(_ id: Int) { subscribers[id] = nil }

    var subscriberCount: Int { subscribers.count }
}
