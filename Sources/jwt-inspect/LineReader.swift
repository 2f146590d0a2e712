#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lines from a file descriptor, a batch at a time, so that `--batch` holds one round of input in memory however
/// long the stream, and starts on the first tokens while the rest is still arriving.
struct LineReader {
    /// A line longer than this keeps only its first `lineLimit` bytes (far over any token's limit, so it is
    /// reported as too long); the rest of it is skipped, not held.
    static let lineLimit = 1 << 20
    static let blockSize = 256 * 1024

    let descriptor: Int32
    /// Bytes read but not yet handed out; they start a line.
    private var pending: [UInt8] = []
    private var skippingRestOfLine = false
    /// Reused for every read.
    private var block = [UInt8](repeating: 0, count: blockSize)
    private var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    static func standardInput() -> LineReader { LineReader(descriptor: STDIN_FILENO) }

    /// Up to `limit` non-empty lines (fewer once they hold `byteLimit` bytes), without their line feeds, as ranges
    /// into `bytes`; no lines at the end of input.
    mutating func next(limit: Int, byteLimit: Int) -> (bytes: [UInt8], lines: [Range<Int>]) {
        var lines: [Range<Int>] = []
        var lineStart = 0
        var scanned = 0
        while lines.count < limit, lineStart < byteLimit {
            if let newline = Self.firstLineFeed(in: pending[...], from: scanned) {
                if newline > lineStart { lines.append(lineStart..<newline) }
                lineStart = newline + 1
                scanned = lineStart
            } else if atEnd {
                if lineStart < pending.count { lines.append(lineStart..<pending.count) }
                lineStart = pending.count
                break
            } else {
                scanned = pending.count
                if pending.count - lineStart >= Self.lineLimit {
                    // Keep the line's first bytes as its whole; drop the rest as it arrives.
                    pending.removeSubrange((lineStart + Self.lineLimit)...)
                    lines.append(lineStart..<pending.count)
                    lineStart = pending.count
                    scanned = lineStart
                    skippingRestOfLine = true
                }
                readBlock()
            }
        }
        let bytes = Array(pending[..<lineStart])
        pending.removeFirst(lineStart)
        return (bytes, lines)
    }

    /// Appends one read's worth to `pending`, minus what a skipped line still had; marks the end of input.
    private mutating func readBlock() {
        let count = StandardStreams.read(descriptor, into: &block)
        guard count > 0 else {
            atEnd = true
            return
        }
        var start = 0
        if skippingRestOfLine {
            guard let newline = Self.firstLineFeed(in: block[..<count], from: 0) else { return }
            start = newline + 1
            skippingRestOfLine = false
        }
        pending += block[start..<count]
    }

    private static func firstLineFeed(in bytes: ArraySlice<UInt8>, from offset: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let searched = offset - bytes.startIndex
            guard let base = buffer.baseAddress, searched < buffer.count,
                let found = memchr(base + searched, 0x0A, buffer.count - searched)
            else { return nil }
            return bytes.startIndex + UnsafeRawPointer(base).distance(to: found)
        }
    }
}
