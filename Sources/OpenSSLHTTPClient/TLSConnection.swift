internal import COpenSSL

/// TLS over a `TCPConnection` with OpenSSL: the peer's certificate must chain to the system's trusted roots (or
/// `SSL_CERT_FILE`/`SSL_CERT_DIR`) and name the host; TLS 1.2 or later. OpenSSL works on memory buffers and the
/// socket I/O stays in `TCPConnection`, so every wait keeps the fetch's deadline.
final class TLSConnection: ByteStream {
    private let tcp: TCPConnection
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    /// Bytes from the network for OpenSSL, and from OpenSSL for the network; owned by `ssl`.
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer

    /// - Parameter trustedCertificateFile: a PEM file whose certificates are trusted instead of the system's roots.
    init(over tcp: TCPConnection, host: String, trusting trustedCertificateFile: String?, by deadline: Deadline)
        throws(TransportError)
    {
        self.tcp = tcp
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw TransportError("cannot set up TLS") }
        guard let ssl = SSL_new(context), let incoming = BIO_new(BIO_s_mem()), let outgoing = BIO_new(BIO_s_mem()) else {
            SSL_CTX_free(context)
            throw TransportError("cannot set up TLS")
        }
        self.context = context
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing
        SSL_set_bio(ssl, incoming, outgoing)
        let trustLoaded =
            trustedCertificateFile.map { SSL_CTX_load_verify_locations(context, $0, nil) }
            ?? SSL_CTX_set_default_verify_paths(context)
        guard trustLoaded == 1,
            COpenSSL_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1
        else { throw TransportError("cannot load the trusted certificates") }
        SSL_set_verify(ssl, SSL_VERIFY_PEER, nil)
        let named: Bool
        if Self.isIPAddress(host) {
            named = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1
        } else {
            named = COpenSSL_SSL_set_tlsext_host_name(ssl, host) == 1 && SSL_set1_host(ssl, host) == 1
        }
        guard named else { throw TransportError("cannot check the certificate against \(host)") }
        SSL_set_connect_state(ssl)
        _ = try drive(by: deadline) { SSL_do_handshake(ssl) }
        guard SSL_get_verify_result(ssl) == X509_V_OK else {
            throw TransportError(verificationFailure ?? "untrusted certificate")
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    func write(_ bytes: [UInt8], by deadline: Deadline) throws(TransportError) {
        _ = try drive(by: deadline) { SSL_write(ssl, bytes, Int32(bytes.count)) }
    }

    func read(upTo count: Int, by deadline: Deadline) throws(TransportError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let received = try drive(by: deadline) { SSL_read(ssl, &buffer, Int32(count)) }
        return Array(buffer[..<Int(received)])
    }

    /// Repeats an OpenSSL call until it completes, moving bytes between its buffers and the socket. Returns the
    /// call's positive result, or 0 at the end of the stream.
    private func drive(by deadline: Deadline, _ operation: () -> Int32) throws(TransportError) -> Int32 {
        ERR_clear_error()
        while true {
            let result = operation()
            try flush(by: deadline)
            if result > 0 { return result }
            switch SSL_get_error(ssl, result) {
            case SSL_ERROR_WANT_READ:
                let bytes = try tcp.read(upTo: 16 * 1024, by: deadline)
                // A peer that closes without a TLS close_notify: the HTTP layer checks the body's length.
                if bytes.isEmpty { return 0 }
                _ = BIO_write(incoming, bytes, Int32(bytes.count))
            case SSL_ERROR_WANT_WRITE:
                continue
            case SSL_ERROR_ZERO_RETURN:
                return 0
            default:
                throw TransportError(verificationFailure ?? "TLS failed: \(Self.openSSLError())")
            }
        }
    }

    private func flush(by deadline: Deadline) throws(TransportError) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while BIO_ctrl_pending(outgoing) > 0 {
            let count = BIO_read(outgoing, &buffer, Int32(buffer.count))
            guard count > 0 else { return }
            try tcp.write(Array(buffer[..<Int(count)]), by: deadline)
        }
    }

    /// Why the certificate was refused ("certificate has expired", "hostname mismatch", …), if it was.
    private var verificationFailure: String? {
        let result = SSL_get_verify_result(ssl)
        guard result != X509_V_OK else { return nil }
        return "certificate refused: " + String(cString: X509_verify_cert_error_string(result))
    }

    private static func openSSLError() -> String {
        var text = [CChar](repeating: 0, count: 256)
        COpenSSL_take_error_text(&text, text.count)
        return text[0] == 0
            ? "connection closed" : String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":")
            || (host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil })
    }
}
