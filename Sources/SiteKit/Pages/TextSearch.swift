import Foundation

/// Byte-wise substring search and replacement. Foundation's `contains` goes through NSString and its generic
/// `firstRange(of:)` is slow too; each dominated build time on large sites in turn. Both also compare Characters,
/// so a combining mark after a placeholder would hide it.
enum ByteSearch {
    static func contains(_ needle: [UInt8], in haystack: some RandomAccessCollection<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let found = haystack.withContiguousStorageIfAvailable { haystack in
            needle.withUnsafeBufferPointer { contains($0, inBuffer: haystack) }
        }
        if let found { return found }
        var index = haystack.startIndex
        let last = haystack.index(haystack.endIndex, offsetBy: -needle.count)
        while index <= last {
            if haystack[index..<haystack.index(index, offsetBy: needle.count)].elementsEqual(needle) { return true }
            index = haystack.index(after: index)
        }
        return false
    }

    /// The first byte found with memchr, the rest compared with memcmp: the search every Markdown step makes of
    /// every text (glibc's memmem is not visible to Swift).
    static func contains(_ needle: UnsafeBufferPointer<UInt8>, inBuffer haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let needleBase = needle.baseAddress, !needle.isEmpty else { return true }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart, let found = memchr(base + start, Int32(needleBase[0]), lastStart - start + 1) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + index + 1, needleBase + 1, needle.count - 1) == 0 { return true }
            start = index + 1
        }
        return false
    }
}

extension StringProtocol {
    /// Whether the text holds `byte`, found with memchr: `utf8.contains` goes byte by byte through the view, and
    /// the Markdown steps ask this of every text of every page.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        } ?? utf8.contains(byte)
    }

    func containsBytes(_ needle: String) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { ByteSearch.contains($0, inBuffer: haystack) }
        }
        if let found = found ?? nil { return found }
        return ByteSearch.contains(Array(needle.utf8), in: Array(utf8))
    }

    /// The lines, split at each LF byte, without the CR a Windows line ends with. Splitting on Characters never ends
    /// a Windows line: CR LF is one Character.
    var lines: [Substring] {
        Substring(self).utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            let line = Substring(bytes)
            return line.utf8.last == UInt8(ascii: "\r") ? Substring(line.utf8.dropLast()) : line
        }
    }

    /// The line ending to write the text back with: CR LF when it has any (a Windows file), else LF.
    var lineEnding: String { containsBytes("\r\n") ? "\r\n" : "\n" }
}

extension String {
    /// Every occurrence of `target`'s bytes replaced by `replacement`, left to right.
    func replacingBytes(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard !needle.isEmpty, containsBytes(target) else { return self }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == needle[0], bytes[index...].starts(with: needle) {
                result.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension String {
    /// The text with every byte outside a URL path's characters percent-encoded: what Foundation's
    /// `addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)` gives, worked out by bytes (Foundation's took
    /// 2% of a large build, and ran for every page again in `llms.txt`).
    package var percentEncodedPath: String {
        guard !utf8.allSatisfy(Self.isPathByte) else { return self }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if Self.isPathByte(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Letters, digits and `!$&'()*+,-./:=@_~`.
    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
