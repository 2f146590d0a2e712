import COpenSSL

/// SHA-384 for Subresource Integrity, from OpenSSL. The only OpenSSL use in SiteKit.
enum SHA384 {
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 48)
        var length: UInt32 = 0
        let done = EVP_Digest(bytes, bytes.count, &output, &length, EVP_sha384(), nil)
        precondition(done == 1 && length == 48, "SHA-384 failed")
        return output
    }
}
