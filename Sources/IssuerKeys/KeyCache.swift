import IDTokenKit
import OpenSSLHTTPClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fetched documents on disk, each with when it was fetched and how long it stays fresh. The folder must belong
/// to the user and no one else (0700, files 0600): a discovery document or key set planted by someone else
/// would make their tokens verify. Every entry is checked again when read.
package struct KeyCache: Sendable {
    package static let defaultMaxAge: Int64 = 3600
    package static let longestMaxAge: Int64 = 86_400
    /// A fetch time at most this far ahead of the clock is believed (clocks move); beyond it the entry is ignored,
    /// so that an entry from the future cannot stay fresh forever.
    package static let allowedClockSkew: Int64 = 300
    /// A 512 KiB body, escaped as JSON text, with room to spare.
    static let maximumFileBytes = 4 * 1024 * 1024

    package struct Entry: Sendable, Equatable {
        package var url: String
        /// Seconds since 1970.
        package var fetchedAt: Int64
        package var maxAge: Int64
        package var body: String

        package init(url: String, fetchedAt: Int64, maxAge: Int64, body: String) {
            self.url = url
            self.fetchedAt = fetchedAt
            self.maxAge = maxAge
            self.body = body
        }

        package func isFresh(at now: Int64) -> Bool { now < fetchedAt.saturatingAdding(maxAge) }
        package func age(at now: Int64) -> Int64 { now.saturatingSubtracting(fetchedAt) }

        /// The entry in a cache file, or nil unless it is well formed, for exactly `url`, fetched after 1970 and
        /// no later than `now` (give or take the allowed skew), with a max age within bounds.
        package static func decode(_ bytes: [UInt8], url: String, now: Int64) -> Entry? {
            guard let json = try? StrictJSON.parse(bytes), let storedURL = json["url"]?.string,
                storedURL.hasSameBytes(as: url), let fetchedAt = json["fetchedAt"]?.exactInteger,
                let maxAge = json["maxAge"]?.exactInteger, let body = json["body"]?.string,
                (0...KeyCache.longestMaxAge).contains(maxAge),
                fetchedAt >= 0, fetchedAt <= now.saturatingAdding(KeyCache.allowedClockSkew)
            else { return nil }
            return Entry(url: storedURL, fetchedAt: fetchedAt, maxAge: maxAge, body: body)
        }

        package var encoded: [UInt8] {
            Array(
                JSONValue.object([
                    ("url", .string(url)), ("fetchedAt", .number(String(fetchedAt))), ("maxAge", .number(String(maxAge))),
                    ("body", .string(body)),
                ]).serialized.utf8)
        }
    }

    /// Why there is no cache to use; the caller goes on without one.
    package struct Unavailable: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    package let directory: String

    /// Opens (creating it 0700 when missing) a cache folder that belongs to this user and is closed to others.
    package init(directory: String) throws(Unavailable) {
        self.directory = directory
        let descriptor = try Self.createOwnFolder(directory)
        close(descriptor)
    }

    /// `$XDG_CACHE_HOME/NAME`, else `$HOME/.cache/NAME`. With neither set there is no safe place: the shared temp
    /// folder is not one.
    package static func standard(named name: String, environment: [String: String]) throws(Unavailable) -> KeyCache {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            throw Unavailable(description: "neither XDG_CACHE_HOME nor HOME names a folder, so keys are not cached")
        }
        return try KeyCache(directory: base + "/" + name)
    }

    package func read(_ url: String, now: Int64) -> Entry? {
        guard let folder = try? Self.openOwnFolder(directory) else { return nil }
        defer { close(folder) }
        let file = openat(folder, Self.fileName(for: url), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_uid == geteuid(),
            status.st_size <= Self.maximumFileBytes
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        let filled = bytes.withUnsafeMutableBytes { FileDescriptorIO.readFully(file, into: $0) }
        return Entry.decode(Array(bytes[..<filled]), url: url, now: now)
    }

    /// Best effort: a cache that cannot be written only costs a refetch. Written 0600 under a random name, never
    /// through a link, then renamed into place.
    package func write(_ entry: Entry) {
        guard let folder = try? Self.openOwnFolder(directory) else { return }
        defer { close(folder) }
        let target = Self.fileName(for: entry.url)
        let temporary = target + ".tmp-" + String(UInt64.random(in: .min ... .max), radix: 16)
        let file = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { return }
        let written = FileDescriptorIO.writeAll(entry.encoded, to: file)
        close(file)
        if !written || renameat(folder, temporary, folder, target) != 0 { unlinkat(folder, temporary, 0) }
    }

    static func fileName(for url: String) -> String {
        // FNV-1a keeps names short and stable; the URL inside the entry guards against collisions.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let readable = String(
            decoding: url.utf8.prefix(60).map { $0.isASCIIAlphanumeric ? $0 : UInt8(ascii: "_") }, as: UTF8.self)
        return "\(readable)-\(String(hash, radix: 16)).json"
    }

    /// Creates the folder (and missing parents) 0700, then opens it as `openOwnFolder` does.
    private static func createOwnFolder(_ path: String) throws(Unavailable) -> Int32 {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw Unavailable(
                    description: "cannot create the key cache folder \(prefix): \(String(cString: strerror(errno)))")
            }
        }
        return try openOwnFolder(path)
    }

    /// The folder, opened without following a link, after checking that it belongs to this user. A folder of
    /// theirs that others may enter is closed to them first; one that belongs to someone else is refused.
    private static func openOwnFolder(_ path: String) throws(Unavailable) -> Int32 {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw Unavailable(description: "not caching keys in \(path): \(reason)")
        }
        var status = stat()
        guard fstat(folder, &status) == 0, status.st_uid == geteuid() else {
            close(folder)
            throw Unavailable(description: "not caching keys in \(path): it belongs to another user")
        }
        if status.st_mode & 0o077 != 0, fchmod(folder, 0o700) != 0 {
            close(folder)
            throw Unavailable(
                description: "not caching keys in \(path): others may enter it (mode \(String(status.st_mode & 0o777, radix: 8)))"
            )
        }
        return folder
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
