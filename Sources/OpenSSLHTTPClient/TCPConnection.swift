#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a connection failed, in words for the user (the URL is added by the caller).
struct TransportError: Error, CustomStringConvertible {
    enum Kind { case connection, timedOut, tooLarge, badResponse }
    let kind: Kind
    let description: String
    init(_ description: String, kind: Kind = .connection) {
        self.kind = kind
        self.description = description
    }
}

/// The moment a whole fetch must be done by; every wait on the network is bounded by it.
struct Deadline {
    let nanoseconds: UInt64

    init(secondsFromNow seconds: Double) {
        nanoseconds = Self.now() + UInt64(max(0, seconds) * 1_000_000_000)
    }

    /// Milliseconds left, for poll(2); 0 once passed.
    var remainingMilliseconds: Int32 {
        let now = Self.now()
        return now >= nanoseconds ? 0 : Int32(min((nanoseconds - now) / 1_000_000, UInt64(Int32.max)))
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// Bytes in and out, with a deadline; plain TCP or TLS over it.
protocol ByteStream: AnyObject {
    func write(_ bytes: [UInt8], by deadline: Deadline) throws(TransportError)
    /// Up to `count` bytes; empty at the end of the stream.
    func read(upTo count: Int, by deadline: Deadline) throws(TransportError) -> [UInt8]
}

/// A non-blocking TCP socket whose every wait goes through poll(2) with the fetch's deadline.
final class TCPConnection: ByteStream {
    let descriptor: Int32

    /// Resolves `host` and connects to the first address that answers.
    init(host: String, port: Int, by deadline: Deadline) throws(TransportError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocketType
        var addresses: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &addresses)
        guard resolved == 0, let first = addresses else {
            throw TransportError("cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let socketDescriptor = openSocket(family: address.pointee.ai_family, type: address.pointee.ai_socktype)
            guard socketDescriptor >= 0 else { continue }
            _ = fcntl(socketDescriptor, F_SETFL, fcntl(socketDescriptor, F_GETFL) | O_NONBLOCK)
            let connected: Bool
            if connect(socketDescriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                connected = true
            } else if errno == EINPROGRESS {
                connected = Self.finishConnect(socketDescriptor, by: deadline, error: &lastError)
            } else {
                lastError = String(cString: strerror(errno))
                connected = false
            }
            if connected {
                descriptor = socketDescriptor
                return
            }
            close(socketDescriptor)
        }
        throw TransportError(
            "cannot connect to \(host):\(port): \(lastError)", kind: lastError == timedOut ? .timedOut : .connection)
    }

    private static func finishConnect(_ socketDescriptor: Int32, by deadline: Deadline, error: inout String) -> Bool {
        var poller = pollfd(fd: socketDescriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, deadline.remainingMilliseconds) == 1 else {
            error = timedOut
            return false
        }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(socketDescriptor, SOL_SOCKET, SO_ERROR, &code, &length)
        if code != 0 { error = String(cString: strerror(code)) }
        return code == 0
    }

    deinit { close(descriptor) }

    /// Waits until the socket is readable (POLLIN) or writable (POLLOUT).
    func wait(for events: Int32, by deadline: Deadline) throws(TransportError) {
        var poller = pollfd(fd: descriptor, events: Int16(events), revents: 0)
        while true {
            let ready = poll(&poller, 1, deadline.remainingMilliseconds)
            if ready > 0 { return }
            if ready == 0 { throw TransportError(timedOut, kind: .timedOut) }
            if errno != EINTR { throw TransportError(String(cString: strerror(errno))) }
        }
    }

    func write(_ bytes: [UInt8], by deadline: Deadline) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, sendFlags) }
            if sent > 0 {
                offset += sent
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(for: POLLOUT, by: deadline)
            } else {
                throw TransportError(String(cString: strerror(errno)))
            }
        }
    }

    func read(upTo count: Int, by deadline: Deadline) throws(TransportError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, 0) }
            if received >= 0 { return Array(buffer[..<received]) }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                throw TransportError(String(cString: strerror(errno)))
            }
            try wait(for: POLLIN, by: deadline)
        }
    }
}

private let timedOut = "timed out"

// A peer that hung up must give EPIPE, not a SIGPIPE that ends the process: Linux says so per send
// (MSG_NOSIGNAL), Darwin per socket (SO_NOSIGPIPE). Sockets are closed on exec either way.
#if canImport(Darwin)
    private let streamSocketType = SOCK_STREAM
    private let sendFlags: Int32 = 0

    private func openSocket(family: Int32, type: Int32) -> Int32 {
        let descriptor = socket(family, type, 0)
        guard descriptor >= 0 else { return descriptor }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        return descriptor
    }
#else
    private let streamSocketType = Int32(SOCK_STREAM.rawValue)
    private let sendFlags = Int32(MSG_NOSIGNAL)

    private func openSocket(family: Int32, type: Int32) -> Int32 {
        socket(family, type | Int32(SOCK_CLOEXEC.rawValue), 0)
    }
#endif
