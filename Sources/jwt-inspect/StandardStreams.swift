import OpenSSLHTTPClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// stdin, stdout and stderr as bytes, straight through the C library: Foundation's FileHandle would bring all of
/// Foundation (and ICU) into the start-up of every run.
enum StandardStreams {
    /// Standard input, up to `limit` bytes; nil when there is more (reading stops there, so a huge or endless
    /// input costs neither memory nor time).
    static func readInput(limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        // A file on stdin says how big it is: one allocation instead of doubling.
        var status = stat()
        if fstat(STDIN_FILENO, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            if status.st_size > Int64(limit) { return nil }
            bytes.reserveCapacity(Int(max(0, status.st_size)))
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(STDIN_FILENO, into: &buffer)
            if count == 0 { return bytes }
            if count > limit - bytes.count { return nil }
            bytes += buffer[..<count]
        }
    }

    /// One read into `buffer`: the byte count, 0 at the end of input (or on an error, which ends it as well).
    static func read(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { FileDescriptorIO.readSome(descriptor, into: $0) }
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32 = STDOUT_FILENO) {
        FileDescriptorIO.writeAll(bytes, to: descriptor)
    }

    static func writeError(_ text: String) {
        write(Array(text.utf8), to: STDERR_FILENO)
    }

    static let input = STDIN_FILENO
    static let output = STDOUT_FILENO

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

extension String {
    /// Padded with spaces to `width` characters, for aligned columns.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
