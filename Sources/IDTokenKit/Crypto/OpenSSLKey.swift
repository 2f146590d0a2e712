internal import COpenSSL
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why OpenSSL refused a key or an operation, with its own error text when it gave one.
package struct CryptoError: Error, Equatable, CustomStringConvertible, Sendable {
    package let message: String

    init(_ message: String) {
        var text = [CChar](repeating: 0, count: 256)
        COpenSSL_take_error_text(&text, text.count)
        let detail = String(nulTerminated: text)
        self.message = detail.isEmpty ? message : "\(message) (\(detail))"
    }

    package var description: String { message }
}

/// The curves JOSE names, with the sizes and digests that go with them.
package enum EllipticCurve: String, Sendable, CaseIterable {
    case p256 = "P-256"
    case p384 = "P-384"
    case p521 = "P-521"

    var openSSLName: String {
        switch self {
        case .p256: return "prime256v1"
        case .p384: return "secp384r1"
        case .p521: return "secp521r1"
        }
    }

    /// Bytes in one coordinate, and in each of r and s.
    package var coordinateSize: Int {
        switch self {
        case .p256: return 32
        case .p384: return 48
        case .p521: return 66
        }
    }
}

/// What kind of public key a key is, as the algorithm checks need it.
package enum KeyKind: Equatable, Sendable, CustomStringConvertible {
    case rsa(bits: Int)
    case ec(EllipticCurve)
    case ed25519

    package var description: String {
        switch self {
        case .rsa(let bits): return "RSA \(bits)-bit"
        case .ec(let curve): return "EC \(curve.rawValue)"
        case .ed25519: return "Ed25519"
        }
    }
}

/// An OpenSSL public (or private) key. The files of `Crypto/` are the only users of OpenSSL; nothing outside
/// sees its types.
package final class OpenSSLKey: @unchecked Sendable {
    // Unchecked: it holds C pointers. The EVP_PKEY is immutable once made and safe to verify with from several
    // threads at once; the prepared contexts are handed out one thread at a time under `verifyContexts`.
    let pointer: OpaquePointer
    package let kind: KeyKind
    /// Why no signature by this key may be trusted (too small, an RSA exponent of 1, a small-order Ed25519
    /// point…), or nil. Such keys load, so that a report can say why they were not used.
    package let weakness: String?

    private init(_ pointer: OpaquePointer, kind: KeyKind) {
        self.pointer = pointer
        self.kind = kind
        self.weakness = KeyStrength.weakness(of: pointer, kind: kind)
    }

    /// Verification contexts prepared for this key, by algorithm, handed to one thread at a time.
    private let verifyContexts = Mutex<[[PreparedContext]]>(Array(repeating: [], count: JWSAlgorithm.allCases.count))

    /// An EVP_PKEY_CTX in the pool; only the thread that took it out uses it.
    private struct PreparedContext: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    deinit {
        verifyContexts.withLock { pool in
            for contexts in pool { contexts.forEach { EVP_PKEY_CTX_free($0.pointer) } }
        }
        EVP_PKEY_free(pointer)
    }

    /// Whether `other` is the same public key: the same object, or the same type and material (`EVP_PKEY_eq`
    /// compares public components only).
    package func isSamePublicKey(as other: OpenSSLKey) -> Bool {
        self === other || (kind == other.kind && EVP_PKEY_eq(pointer, other.pointer) == 1)
    }

    /// Runs `body` with a verification context for `algorithm`, reusing one prepared earlier when possible.
    func withVerifyContext<T>(
        for algorithm: JWSAlgorithm, prepare: (OpaquePointer) -> Bool, _ body: (OpaquePointer) throws(CryptoError) -> T
    ) throws(CryptoError) -> T {
        let slot = algorithm.ordinal
        var context = verifyContexts.withLock { $0[slot].popLast()?.pointer }
        if context == nil {
            // Each context gets its own copy of the key, so threads do not share its locks and cached values
            // (ES256 batches ran about 7% faster on two cores).
            guard let copy = EVP_PKEY_dup(pointer) else { throw CryptoError("out of memory") }
            defer { EVP_PKEY_free(copy) }
            guard let created = EVP_PKEY_CTX_new_from_pkey(nil, copy, nil) else { throw CryptoError("out of memory") }
            guard prepare(created) else {
                EVP_PKEY_CTX_free(created)
                throw CryptoError("cannot set up \(algorithm.rawValue) verification")
            }
            context = created
        }
        guard let context else { throw CryptoError("no verification context") }
        defer { verifyContexts.withLock { $0[slot].append(PreparedContext(pointer: context)) } }
        return try body(context)
    }

    package static func rsa(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) -> OpenSSLKey {
        guard let first = modulus.first, first != 0 || modulus.count == 1, !exponent.isEmpty else {
            throw CryptoError("RSA modulus and exponent must be unsigned big-endian without leading zeros")
        }
        let key = try fromData(type: "RSA") { builder, storage in
            OSSL_PARAM_BLD_push_BN(builder, storage.name(OSSL_PKEY_PARAM_RSA_N), storage.bignum(modulus)) == 1
                && OSSL_PARAM_BLD_push_BN(builder, storage.name(OSSL_PKEY_PARAM_RSA_E), storage.bignum(exponent)) == 1
        }
        return OpenSSLKey(key, kind: .rsa(bits: Int(EVP_PKEY_get_bits(key))))
    }

    package static func ec(curve: EllipticCurve, x: [UInt8], y: [UInt8]) throws(CryptoError) -> OpenSSLKey {
        guard x.count == curve.coordinateSize, y.count == curve.coordinateSize else {
            throw CryptoError("\(curve.rawValue) coordinates must be \(curve.coordinateSize) bytes each")
        }
        let point = [0x04] + x + y
        let key = try fromData(type: "EC") { builder, storage in
            OSSL_PARAM_BLD_push_utf8_string(
                builder, storage.name(OSSL_PKEY_PARAM_GROUP_NAME), storage.name(curve.openSSLName), 0) == 1
                && OSSL_PARAM_BLD_push_octet_string(
                    builder, storage.name(OSSL_PKEY_PARAM_PUB_KEY), storage.bytes(point), point.count) == 1
        }
        let result = OpenSSLKey(key, kind: .ec(curve))
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { throw CryptoError("cannot check the EC key") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_public_check(context) == 1 else { throw CryptoError("the EC point is not on \(curve.rawValue)") }
        return result
    }

    package static func ed25519(publicKey: [UInt8]) throws(CryptoError) -> OpenSSLKey {
        guard publicKey.count == 32 else { throw CryptoError("an Ed25519 public key is 32 bytes") }
        guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, publicKey, publicKey.count) else {
            throw CryptoError("invalid Ed25519 public key")
        }
        return OpenSSLKey(key, kind: .ed25519)
    }

    /// A `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo) PEM text.
    package static func publicKey(pem: String) throws(CryptoError) -> OpenSSLKey {
        let bytes = Array(pem.utf8)
        guard let bio = BIO_new_mem_buf(bytes, Int32(bytes.count)) else { throw CryptoError("cannot read PEM") }
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PUBKEY(bio, nil, nil, nil) else { throw CryptoError("not a PEM public key") }
        return try OpenSSLKey(key, kind: kind(of: key))
    }

    /// Generates a private key, for tests and the local OpenID provider.
    package static func generate(_ kind: KeyKind) throws(CryptoError) -> OpenSSLKey {
        let name: String
        switch kind {
        case .rsa: name = "RSA"
        case .ec: name = "EC"
        case .ed25519: name = "ED25519"
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil), EVP_PKEY_keygen_init(context) == 1 else {
            throw CryptoError("cannot start key generation")
        }
        defer { EVP_PKEY_CTX_free(context) }
        switch kind {
        case .rsa(let bits):
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else { throw CryptoError("bad RSA size") }
        case .ec(let curve):
            guard EVP_PKEY_CTX_set_group_name(context, curve.openSSLName) == 1 else { throw CryptoError("bad curve") }
        case .ed25519: break
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw CryptoError("key generation failed") }
        return OpenSSLKey(key, kind: kind)
    }

    /// The public half as JWK members (`kty` and the key material), for publishing in a JWKS.
    package func publicJWKMembers() throws(CryptoError) -> [(String, String)] {
        switch kind {
        case .rsa:
            return [
                ("kty", "RSA"), ("n", Base64URL.encode(try bigNumber(OSSL_PKEY_PARAM_RSA_N))),
                ("e", Base64URL.encode(try bigNumber(OSSL_PKEY_PARAM_RSA_E))),
            ]
        case .ec(let curve):
            let x = try bigNumber(OSSL_PKEY_PARAM_EC_PUB_X, padTo: curve.coordinateSize)
            let y = try bigNumber(OSSL_PKEY_PARAM_EC_PUB_Y, padTo: curve.coordinateSize)
            return [("kty", "EC"), ("crv", curve.rawValue), ("x", Base64URL.encode(x)), ("y", Base64URL.encode(y))]
        case .ed25519:
            var length = 32
            var bytes = [UInt8](repeating: 0, count: 32)
            guard EVP_PKEY_get_raw_public_key(pointer, &bytes, &length) == 1 else {
                throw CryptoError("cannot export Ed25519 key")
            }
            return [("kty", "OKP"), ("crv", "Ed25519"), ("x", Base64URL.encode(bytes))]
        }
    }

    /// The public half as a `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo) PEM text.
    package func publicKeyPEM() throws(CryptoError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError("out of memory") }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PUBKEY(bio, pointer) == 1 else { throw CryptoError("cannot write the public key") }
        // BIO_get_mem_data, a macro.
        var data: UnsafeMutablePointer<CChar>?
        let length = withUnsafeMutablePointer(to: &data) { BIO_ctrl(bio, BIO_CTRL_INFO, 0, $0) }
        guard length > 0, let data else { throw CryptoError("cannot write the public key") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private func bigNumber(_ name: String, padTo size: Int? = nil) throws(CryptoError) -> [UInt8] {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &number) == 1, let number else { throw CryptoError("cannot read \(name)") }
        defer { BN_free(number) }
        let length = size ?? Int((BN_num_bits(number) + 7) / 8)
        var bytes = [UInt8](repeating: 0, count: max(length, 1))
        guard BN_bn2binpad(number, &bytes, Int32(bytes.count)) >= 0 else { throw CryptoError("cannot export \(name)") }
        return bytes
    }

    /// Memory that pushed parameters (their names too) point at. OpenSSL reads it only in
    /// `OSSL_PARAM_BLD_to_param`, so it must outlive the push calls, which Swift's temporary pointers do not.
    private final class ParameterStorage {
        private var bignums: [OpaquePointer] = []
        private var buffers: [UnsafeMutableBufferPointer<UInt8>] = []

        func bignum(_ bytes: [UInt8]) -> OpaquePointer? {
            guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { return nil }
            bignums.append(number)
            return number
        }

        func bytes(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            _ = buffer.initialize(from: bytes)
            buffers.append(buffer)
            return buffer.baseAddress!
        }

        func name(_ text: String) -> UnsafeMutablePointer<CChar> {
            UnsafeMutableRawPointer(bytes(Array(text.utf8) + [0])).assumingMemoryBound(to: CChar.self)
        }

        deinit {
            bignums.forEach { BN_free($0) }
            buffers.forEach { $0.deallocate() }
        }
    }

    private static func fromData(type: String, _ build: (OpaquePointer, ParameterStorage) -> Bool) throws(CryptoError)
        -> OpaquePointer
    {
        guard let builder = OSSL_PARAM_BLD_new() else { throw CryptoError("out of memory") }
        defer { OSSL_PARAM_BLD_free(builder) }
        let storage = ParameterStorage()
        defer { withExtendedLifetime(storage) {} }
        guard build(builder, storage), let parameters = OSSL_PARAM_BLD_to_param(builder) else {
            throw CryptoError("invalid \(type) key parameters")
        }
        defer { OSSL_PARAM_free(parameters) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil), EVP_PKEY_fromdata_init(context) == 1 else {
            throw CryptoError("cannot create \(type) key")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata(context, &key, COpenSSL_EVP_PKEY_PUBLIC_KEY, parameters) == 1, let key else {
            throw CryptoError("invalid \(type) key")
        }
        return key
    }

    private static func kind(of key: OpaquePointer) throws(CryptoError) -> KeyKind {
        if EVP_PKEY_is_a(key, "RSA") == 1 { return .rsa(bits: Int(EVP_PKEY_get_bits(key))) }
        if EVP_PKEY_is_a(key, "ED25519") == 1 { return .ed25519 }
        if EVP_PKEY_is_a(key, "EC") == 1 {
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, &name, name.count, &length) == 1,
                let curve = EllipticCurve.allCases.first(where: { $0.openSSLName == String(nulTerminated: name) })
            else {
                EVP_PKEY_free(key)
                throw CryptoError("unsupported EC curve")
            }
            return .ec(curve)
        }
        EVP_PKEY_free(key)
        throw CryptoError("unsupported key type (RSA, EC P-256/384/521 and Ed25519 are supported)")
    }
}

extension String {
    /// The text of a C buffer up to its first NUL.
    init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
