#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Fetched documents on disk, in `$XDG_CACHE_HOME/jwt-inspect` (or `~/.cache/jwt-inspect`), each with when it
/// was fetched and how long it stays fresh.
public struct KeyCache: Sendable {
    public static let defaultMaxAge = 3600
    public static let longestMaxAge = 86_400

    public struct Entry: Codable, Sendable {
        public var url: String
        public var fetchedAt: Double
        public var maxAge: Int
        public var body: String

        public func isFresh(at now: Date) -> Bool { now.timeIntervalSince1970 < fetchedAt + Double(maxAge) }
        public func age(at now: Date) -> Int { Int(now.timeIntervalSince1970 - fetchedAt) }
    }

    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> KeyCache {
        let base: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? FileManager.default.temporaryDirectory.path)
                .appendingPathComponent(".cache")
        }
        return KeyCache(directory: base.appendingPathComponent("jwt-inspect"))
    }

    public func read(_ url: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file(for: url).path),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.url == url
        else { return nil }
        return entry
    }

    /// Best effort: a cache that cannot be written only costs a refetch.
    public func write(_ entry: Entry) {
        guard let data = try? JSONEncoder().encode(entry) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = file(for: entry.url)
        let temporary = target.appendingPathExtension("tmp-\(getpid())")
        guard (try? data.write(to: temporary)) != nil else { return }
        _ = rename(temporary.path, target.path)
    }

    private func file(for url: String) -> URL {
        // FNV-1a keeps names short and stable; the URL inside the entry guards against collisions.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let readable = String(url.map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(60))
        return directory.appendingPathComponent("\(readable)-\(String(hash, radix: 16)).json")
    }
}
