import IDTokenKit
import Synchronization

/// Tokens whose signature was verified, so that the same token arriving with every API call of a session is
/// checked for its signature once. It never changes a verdict: on every hit the middleware runs each claim check
/// again with its own verifier's requirements and the time now (issuer, audience, `exp`, `nbf`, `iat`,
/// `auth_time` with `max_age`), and uses the entry only while the issuer's set still chooses a key with the very
/// material that verified it. So one cache may serve several middlewares, whatever their audiences.
///
/// Keyed by the token's exact bytes; bounded in entries and in bytes (oldest entries go first).
public final class VerifiedTokenCache: Sendable {
    public let maximumEntries: Int
    public let maximumBytes: Int

    private struct Entry: Sendable {
        var token: VerifiedIDToken
        var bytes: Int
    }

    /// A token as a dictionary key: hashed and compared by its UTF-8 bytes, without copying them.
    private struct Key: Hashable, Sendable {
        let token: String

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.token.hasSameBytes(as: rhs.token) }

        func hash(into hasher: inout Hasher) {
            var token = token
            token.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private struct State: Sendable {
        var entries: [Key: Entry] = [:]
        /// Keys in insertion order, for eviction; `head` is the oldest still in it.
        var order: [Key] = []
        var head = 0
        var bytes = 0
    }

    private let state = Mutex(State())

    /// A cache to give one or more `BearerTokenMiddleware`s.
    /// - Parameters:
    ///   - maximumEntries: at most this many tokens are kept.
    ///   - maximumBytes: at most about this much memory: each entry counts its token twice (the key and the
    ///     claims decoded from it) and 512 bytes besides.
    public init(maximumEntries: Int = 10_000, maximumBytes: Int = 32 * 1024 * 1024) {
        self.maximumEntries = max(1, maximumEntries)
        self.maximumBytes = max(1, maximumBytes)
    }

    /// The token verified earlier from exactly these bytes; the caller judges it again
    /// (`IDTokenVerifier.verdict(reusing:keys:now:)`).
    package func lookup(_ token: String) -> VerifiedIDToken? {
        let key = Key(token: token)
        return state.withLock { $0.entries[key]?.token }
    }

    /// Keeps a token that was just verified.
    package func store(_ token: String, _ verified: VerifiedIDToken) {
        let key = Key(token: token)
        let bytes = 2 * token.utf8.count + 512
        guard bytes <= maximumBytes else { return }
        state.withLock { state in
            Self.remove(key, from: &state)
            while state.entries.count >= maximumEntries || state.bytes + bytes > maximumBytes, state.head < state.order.count {
                let oldest = state.order[state.head]
                state.head += 1
                Self.remove(oldest, from: &state)
            }
            state.entries[key] = Entry(token: verified, bytes: bytes)
            state.order.append(key)
            state.bytes += bytes
            // Drop the evicted prefix of the queue now and then, so it does not grow without end.
            if state.head > 1024, state.head * 2 > state.order.count {
                state.order.removeFirst(state.head)
                state.head = 0
            }
        }
    }

    /// Forgets a token (its key left the issuer's set).
    package func remove(_ token: String) {
        state.withLock { Self.remove(Key(token: token), from: &$0) }
    }

    public var count: Int { state.withLock { $0.entries.count } }

    private static func remove(_ key: Key, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: key) else { return }
        state.bytes -= entry.bytes
    }
}
