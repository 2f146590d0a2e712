internal import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `integrity` value (`sha384-…`) that lets a browser check a downloaded script (Subresource Integrity).
package enum SubresourceIntegrity {
    package static func sha384(of bytes: [UInt8]) -> String {
        "sha384-" + Data(Digests.compute(bytes, EVP_sha384(), size: 48)).base64EncodedString()
    }
}

/// Digests of bytes in memory.
package enum Digests {
    /// SHA-256 in lowercase hexadecimal, as `sha256sum` prints it.
    package static func sha256Hex(of bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { buffer in
            compute(buffer, EVP_sha256(), size: 32).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }

    fileprivate static func compute(_ bytes: UnsafeRawBufferPointer, _ type: OpaquePointer?, size: Int) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        guard EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, type, nil) == 1, Int(length) == size else {
            // A digest does not fail on bytes in memory; an OpenSSL that cannot make one is broken.
            fatalError("OpenSSL could not compute a digest")
        }
        return digest
    }

    fileprivate static func compute(_ bytes: [UInt8], _ type: OpaquePointer?, size: Int) -> [UInt8] {
        bytes.withUnsafeBytes { compute($0, type, size: size) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
