internal import COpenSSL

/// The rules that make a public key unfit to verify with, whatever a key set says.
enum KeyStrength {
    /// RSA keys below this size are refused (RFC 7518 §3.3 requires 2048 bits).
    static let minimumRSABits = 2048
    /// NIST SP 800-56B bounds e below 2^256; larger exponents only make verification slow.
    static let maximumRSAExponentBits = 256

    static func weakness(of key: OpaquePointer, kind: KeyKind) -> String? {
        switch kind {
        case .rsa(let bits):
            if bits < minimumRSABits { return "RSA key of \(bits) bits is too small (at least \(minimumRSABits) required)" }
            return rsaWeakness(key)
        case .ed25519:
            var bytes = [UInt8](repeating: 0, count: 32)
            var length = bytes.count
            guard EVP_PKEY_get_raw_public_key(key, &bytes, &length) == 1, length == 32 else {
                return "its Ed25519 public key cannot be read"
            }
            return hasSmallOrder(bytes)
                ? "its Ed25519 public key is a point of small order, for which one signature fits every message" : nil
        case .ec:
            guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { return "its EC key cannot be checked" }
            defer { EVP_PKEY_CTX_free(context) }
            defer { ERR_clear_error() }
            return EVP_PKEY_public_check(context) == 1 ? nil : "its EC point is not a valid public key on its curve"
        }
    }

    /// e must be odd and at least 3: with e = 1 the padded digest is its own signature, and an even e is no RSA
    /// key at all. The modulus must be odd.
    private static func rsaWeakness(_ key: OpaquePointer) -> String? {
        var modulus: OpaquePointer?
        var exponent: OpaquePointer?
        defer {
            BN_free(modulus)
            BN_free(exponent)
            ERR_clear_error()
        }
        guard EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &modulus) == 1,
            EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &exponent) == 1, let modulus, let exponent
        else { return "its RSA modulus and exponent cannot be read" }
        if BN_is_odd(modulus) != 1 { return "its RSA modulus is even" }
        if BN_is_odd(exponent) != 1 || BN_num_bits(exponent) < 2 {
            let value = BN_num_bits(exponent) <= 63 ? " \(BN_get_word(exponent))" : ""
            return "its RSA public exponent\(value) is not odd and at least 3 (e = 1 accepts the padded digest as a signature)"
        }
        if BN_num_bits(exponent) > maximumRSAExponentBits {
            return "its RSA public exponent has \(BN_num_bits(exponent)) bits, over \(maximumRSAExponentBits)"
        }
        return nil
    }

    /// Encodings of the eight points of order dividing 8 (and the non-canonical y = p, p + 1), with the sign
    /// bit cleared, as libsodium's `ge25519_has_small_order` lists them. Derived independently in the tests.
    static let smallOrderEd25519Points: [[UInt8]] = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ].map(hexBytes)

    static func hasSmallOrder(_ publicKey: [UInt8]) -> Bool {
        guard publicKey.count == 32 else { return false }
        var key = publicKey
        key[31] &= 0x7F
        return smallOrderEd25519Points.contains(key)
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8).map { $0 <= UInt8(ascii: "9") ? $0 - UInt8(ascii: "0") : $0 - UInt8(ascii: "a") + 10 }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
