internal import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `integrity` value (`sha384-…`) that lets a browser check a downloaded script (Subresource Integrity).
package enum SubresourceIntegrity {
    package static func sha384(of bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 48)
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha384(), nil) == 1, length == 48 else {
            // SHA-384 does not fail on bytes in memory; an OpenSSL that cannot do it is broken.
            fatalError("OpenSSL could not compute SHA-384")
        }
        return "sha384-" + Data(digest).base64EncodedString()
    }
}
