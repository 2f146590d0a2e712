import Foundation
import OpenSSLHTTPClient

/// `build-site pin`: moves the connect pin to another version in one step, rewriting only the `version` and
/// `integrity` lines of the site config (comments stay). With `--integrity` it downloads the file and records
/// its sha384 Subresource Integrity; if anything fails, the config is left as it was.
public struct PinUpdate {
    public struct Result: Sendable {
        public var previousVersion: String
        public var version: String
        public var url: String
        public var integrity: String?
        /// An integrity value that no longer matched and was removed.
        public var droppedIntegrity: Bool
    }

    public static let maximumDownloadBytes = 8 * 1024 * 1024

    public let configFile: URL
    public let displayPath: String

    public init(configFile: URL, displayPath: String) {
        self.configFile = configFile
        self.displayPath = displayPath
    }

    /// - Parameter downloadFrom: where to fetch the file for `integrity` instead of the CDN URL (a mirror).
    public func run(version: String, integrity: Bool, downloadFrom: URL? = nil) throws -> Result {
        let text = try TextFile.read(configFile, displayPath: displayPath)
        let current = try SiteConfig.parse(text, file: displayPath)
        guard current.connect.isPinned else {
            throw SiteError(file: displayPath, "no `connect:` to move: add one with its `version` and `url` first")
        }
        let lines = try YAMLMapping(parsing: text, file: displayPath, firstLine: 1, what: "site config").mapping("connect")
        let pin = try ConnectPin(
            version: version, urlTemplate: current.connect.urlTemplate, integrity: nil, file: "build-site pin",
            lines: [:])
        var hash: String?
        if integrity {
            let source = downloadFrom ?? URL(string: pin.url)!
            hash = Self.subresourceIntegrity(of: try Self.download(source))
        }
        // A Windows file's lines end in CR LF, one Character: split on bytes, and written back as they were.
        var updated = text.lines.map(String.init)
        guard let connect = lines else { throw SiteError(file: displayPath, "`connect` is missing") }
        let versionLine = connect.line(of: "version") - 1
        let keyLines = [versionLine] + (connect.keys.contains("integrity") ? [connect.line(of: "integrity") - 1] : [])
        guard keyLines.allSatisfy(updated.indices.contains) else {
            throw SiteError(file: displayPath, "could not find the connect pin's lines; edit it by hand")
        }
        updated[versionLine] = Self.replacingValue(in: updated[versionLine], with: version)
        let hadIntegrity = current.connect.integrity != nil
        if connect.keys.contains("integrity") {
            let integrityLine = connect.line(of: "integrity") - 1
            updated[integrityLine] = Self.replacingValue(in: updated[integrityLine], with: hash ?? "")
        } else if let hash {
            let indent = updated[versionLine].prefix { $0 == " " }
            updated.insert("\(indent)integrity: \(hash)", at: versionLine + 1)
        }
        let newText = updated.joined(separator: text.lineEnding)
        let check = try SiteConfig.parse(newText, file: displayPath)
        guard check.connect.version == version, check.connect.integrity == hash else {
            throw SiteError(file: displayPath, "could not rewrite the connect pin; edit it by hand")
        }
        try AtomicFile.replace(configFile, with: newText)
        return Result(
            previousVersion: current.connect.version, version: version, url: pin.url, integrity: hash,
            droppedIntegrity: hadIntegrity && hash == nil)
    }

    /// `  key: old  # comment` → `  key: new  # comment`.
    static func replacingValue(in line: String, with value: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        let rest = line[line.index(after: colon)...]
        var comment = ""
        if let hash = rest.range(of: " #") {
            // Keep the spaces that line the comment up.
            var start = hash.lowerBound
            while start > rest.startIndex, rest[rest.index(before: start)] == " " { start = rest.index(before: start) }
            comment = String(rest[start...])
        }
        return String(line[...colon]) + (value.isEmpty ? "" : " \(value)") + comment
    }

    static func subresourceIntegrity(of data: Data) -> String {
        SubresourceIntegrity.sha384(of: Array(data))
    }

    /// Fetched with the OpenSSL HTTP client: HTTPS (plain HTTP only on loopback), timeouts, a size cap.
    static func download(_ url: URL) throws -> Data {
        let body: [UInt8]
        do {
            body = try HTTPFetcher(timeout: 30, maximumBytes: maximumDownloadBytes, userAgent: "build-site").get(url).body
        } catch {
            throw SiteError(file: url.absoluteString, "download failed: \(error)")
        }
        guard !body.isEmpty else { throw SiteError(file: url.absoluteString, "download failed: the file is empty") }
        return Data(body)
    }
}
