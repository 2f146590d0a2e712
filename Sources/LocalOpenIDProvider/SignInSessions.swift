import Foundation

/// Who is signed in at the provider, by session cookie, and which scopes each client was granted. Lives in memory:
/// restarting the provider signs everyone out, as its keys change too.
actor SignInSessions {
    struct Session {
        var authTime: Int64
        /// client_id → granted scopes.
        var grants: [String: Set<String>]
    }

    private var sessions: [String: Session] = [:]

    /// Signs in (or refreshes) the session with `id`, or a new one when `id` is nil; returns the session id.
    func signIn(_ id: String?, client: String, scopes: [String], now: Int64) -> (id: String, authTime: Int64) {
        let sessionID = id.flatMap { sessions[$0] == nil ? nil : $0 } ?? RandomID.hex(bytes: 16)
        var session = sessions[sessionID] ?? Session(authTime: now, grants: [:])
        session.grants[client, default: []].formUnion(scopes)
        sessions[sessionID] = session
        return (sessionID, session.authTime)
    }

    func session(_ id: String?) -> Session? {
        id.flatMap { sessions[$0] }
    }

    func signOut(_ id: String?) {
        if let id { sessions[id] = nil }
    }
}

/// Random identifiers: session ids, key ids.
enum RandomID {
    static func hex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }.joined()
    }
}
