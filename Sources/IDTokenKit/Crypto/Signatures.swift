internal import COpenSSL

/// Signature verification and creation with OpenSSL EVP. The algorithm always comes from the caller's choice of
/// key and the token's checked header, never from anything else inside the token.
package enum Signatures {
    package static func verify(_ algorithm: JWSAlgorithm, key: OpenSSLKey, message: [UInt8], signature: [UInt8])
        throws(CryptoError) -> Bool
    {
        guard algorithm.fits(key.kind) else {
            throw CryptoError("\(algorithm.rawValue) cannot be verified with an \(key.kind) key")
        }
        if let weakness = key.weakness { throw CryptoError("the key is refused: \(weakness)") }
        var der = signature
        if case .ecdsa(let curve) = algorithm.family {
            // JOSE carries r‖s, each exactly the curve's size; OpenSSL wants DER.
            guard signature.count == 2 * curve.coordinateSize else { return false }
            guard let encoded = rawToDER(signature) else { return false }
            der = encoded
        }
        guard let digest = FetchedDigests.shared[algorithm] else {
            // EdDSA hashes inside the signature scheme: one-shot DigestVerify.
            return try withDigestContext(algorithm, key: key, signing: false) { context in
                let result = EVP_DigestVerify(context, der, der.count, message, message.count)
                ERR_clear_error()
                return result == 1
            }
        }
        // Hash here, then verify with a context prepared once per key and algorithm: setting one up for every
        // token made OpenSSL look the algorithm up each time, behind locks that kept threads waiting.
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { hash throws(CryptoError) -> Bool in
            var hashLength: UInt32 = 0
            guard EVP_Digest(message, message.count, hash.baseAddress, &hashLength, digest, nil) == 1 else {
                throw CryptoError("digest failed")
            }
            return try key.withVerifyContext(for: algorithm, prepare: { context in prepareVerify(context, algorithm, digest) }) {
                context in
                let result = EVP_PKEY_verify(context, der, der.count, hash.baseAddress, Int(hashLength))
                ERR_clear_error()
                return result == 1
            }
        }
    }

    private static func prepareVerify(_ context: OpaquePointer, _ algorithm: JWSAlgorithm, _ digest: OpaquePointer) -> Bool {
        guard EVP_PKEY_verify_init(context) == 1 else { return false }
        switch algorithm.family {
        case .rsaPKCS1:
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
                && EVP_PKEY_CTX_set_signature_md(context, digest) == 1
        case .rsaPSS:
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_signature_md(context, digest) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(context, digest) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, Int32(algorithm.digestLength)) == 1
        case .ecdsa:
            return EVP_PKEY_CTX_set_signature_md(context, digest) == 1
        case .edDSA, .hmac:
            return false
        }
    }

    package static func sign(_ algorithm: JWSAlgorithm, key: OpenSSLKey, message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard algorithm.fits(key.kind) else { throw CryptoError("\(algorithm.rawValue) cannot sign with an \(key.kind) key") }
        let signature = try withDigestContext(algorithm, key: key, signing: true) { context throws(CryptoError) -> [UInt8] in
            var length = 0
            guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else { throw CryptoError("signing failed") }
            var signature = [UInt8](repeating: 0, count: length)
            guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
                throw CryptoError("signing failed")
            }
            return Array(signature[..<length])
        }
        if case .ecdsa(let curve) = algorithm.family {
            guard let raw = derToRaw(signature, size: curve.coordinateSize) else { throw CryptoError("bad ECDSA signature") }
            return raw
        }
        return signature
    }

    /// A digest context set up for `algorithm` with `key`: the digest (none for EdDSA) and, for PS*, RFC 7518
    /// §3.5's parameters (MGF1 with the same hash, salt as long as the hash).
    private static func withDigestContext<T>(
        _ algorithm: JWSAlgorithm, key: OpenSSLKey, signing: Bool, _ body: (OpaquePointer) throws(CryptoError) -> T
    ) throws(CryptoError) -> T {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError("out of memory") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        let digest = FetchedDigests.shared[algorithm]
        let started =
            signing
            ? EVP_DigestSignInit(context, &keyContext, digest, nil, key.pointer)
            : EVP_DigestVerifyInit(context, &keyContext, digest, nil, key.pointer)
        guard started == 1 else { throw CryptoError(signing ? "cannot start signing" : "cannot start verification") }
        if case .rsaPSS = algorithm.family {
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, Int32(algorithm.digestLength)) == 1
            else { throw CryptoError("cannot set PSS parameters") }
        }
        return try body(context)
    }

    /// SHA-2 implementations fetched from the provider once. A name looked up on every operation makes
    /// OpenSSL 3 fetch it again each time, behind a lock that serializes threads.
    final class FetchedDigests: @unchecked Sendable {
        // Unchecked: it holds EVP_MD pointers, fetched once, never changed, safe to share between threads.
        static let shared = FetchedDigests()

        private init() {
            var digests: [String: OpaquePointer] = [:]
            for name in ["SHA256", "SHA384", "SHA512"] {
                if let digest = EVP_MD_fetch(nil, name, nil) { digests[name] = digest }
            }
            sha256 = digests["SHA256"]
            sha384 = digests["SHA384"]
            sha512 = digests["SHA512"]
        }

        private let sha256: OpaquePointer?
        private let sha384: OpaquePointer?
        private let sha512: OpaquePointer?

        /// The digest `algorithm` signs, or nil for EdDSA (looked up for every token: no hashing of names).
        subscript(algorithm: JWSAlgorithm) -> OpaquePointer? {
            switch algorithm {
            case .rs256, .ps256, .es256, .hs256: return sha256
            case .rs384, .ps384, .es384, .hs384: return sha384
            case .rs512, .ps512, .es512, .hs512: return sha512
            case .edDSA: return nil
            }
        }

    }

    /// HMAC-SHA-2 over `message`; `verify` compares in constant time.
    package static func hmac(_ algorithm: JWSAlgorithm, secret: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard case .hmac = algorithm.family, let digest = algorithm.digest else {
            throw CryptoError("\(algorithm.rawValue) is not HMAC")
        }
        var output = [UInt8](repeating: 0, count: 64)
        var length = 0
        guard
            EVP_Q_mac(nil, "HMAC", nil, digest, nil, secret, secret.count, message, message.count, &output, output.count, &length)
                != nil
        else {
            throw CryptoError("HMAC failed")
        }
        return Array(output[..<length])
    }

    /// Why a secret of `byteCount` bytes may not be used with `algorithm`, or nil. RFC 7518 §3.2: at least as
    /// long as the hash output, so an empty or guessable `--secret "$UNSET"` can never verify anything.
    package static func secretRefusal(byteCount: Int, for algorithm: JWSAlgorithm) -> String? {
        guard let minimum = algorithm.minimumSecretLength, byteCount < minimum else { return nil }
        return "the HMAC secret is \(byteCount) bytes; \(algorithm.rawValue) needs at least \(minimum) (RFC 7518 §3.2)"
    }

    package static func verifyHMAC(_ algorithm: JWSAlgorithm, secret: [UInt8], message: [UInt8], signature: [UInt8])
        throws(CryptoError) -> Bool
    {
        if let refusal = secretRefusal(byteCount: secret.count, for: algorithm) { throw CryptoError(refusal) }
        let expected = try hmac(algorithm, secret: secret, message: message)
        return expected.count == signature.count && CRYPTO_memcmp(expected, signature, expected.count) == 0
    }

    private static func rawToDER(_ raw: [UInt8]) -> [UInt8]? {
        let half = raw.count / 2
        guard let signature = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(signature) }
        let r = BN_bin2bn(Array(raw[..<half]), Int32(half), nil)
        let s = BN_bin2bn(Array(raw[half...]), Int32(half), nil)
        guard ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_ECDSA_SIG(signature, &output)
        guard length > 0, let output else { return nil }
        defer { CRYPTO_free(output, #fileID, #line) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    private static func derToRaw(_ der: [UInt8], size: Int) -> [UInt8]? {
        var input: UnsafePointer<UInt8>? = nil
        return der.withUnsafeBufferPointer { buffer -> [UInt8]? in
            input = buffer.baseAddress
            guard let signature = d2i_ECDSA_SIG(nil, &input, buffer.count) else { return nil }
            defer { ECDSA_SIG_free(signature) }
            var r: OpaquePointer?
            var s: OpaquePointer?
            ECDSA_SIG_get0(signature, &r, &s)
            var raw = [UInt8](repeating: 0, count: 2 * size)
            guard BN_bn2binpad(r, &raw, Int32(size)) == size else { return nil }
            let written = raw.withUnsafeMutableBufferPointer { BN_bn2binpad(s, $0.baseAddress! + size, Int32(size)) }
            return written == size ? raw : nil
        }
    }
}
