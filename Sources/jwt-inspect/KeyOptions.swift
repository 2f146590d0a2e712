import IDTokenKit
import IssuerKeys
import OpenSSLHTTPClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns --jwks, --key, --secret or the issuer into a key provider.
struct KeyOptions {
    struct Problem: Error {
        let message: String
    }

    var jwks: String?
    var key: String?
    var secret: String?
    var issuer: String
    var offline: Bool

    /// The shortest secret any HMAC algorithm accepts (HS256's 32 bytes).
    static let minimumSecretBytes = JWSAlgorithm.hs256.minimumSecretLength ?? 32

    func provider() throws -> any KeyProvider {
        if let secret {
            try Self.checkSecretLength(secret.utf8.count, source: "--secret")
            return StaticKeys(
                JWKSet(keys: [VerificationKey(keyID: nil, material: .secret(Array(secret.utf8)))], source: "--secret"))
        }
        if let key {
            let text = try read(key)
            do {
                if text.contains("-----BEGIN") {
                    return StaticKeys(
                        JWKSet(
                            keys: [VerificationKey(keyID: nil, material: .publicKey(try OpenSSLKey.publicKey(pem: text)))],
                            source: key))
                }
                let json = try StrictJSON.parse(Array(text.utf8))
                let parsed = try JWK.parse(json, allowSecret: true)
                if case .secret(let bytes) = parsed.material { try Self.checkSecretLength(bytes.count, source: key) }
                return StaticKeys(JWKSet(keys: [parsed], source: key))
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem(message: "\(key): not a usable PEM public key or JWK: \(error)")
            }
        }
        if let jwks {
            if jwks.contains("://") {
                guard let url = URL(string: jwks) else { throw Problem(message: "--jwks \(jwks) is not a URL") }
                if let refusal = HTTPFetcher.refusal(for: url) { throw Problem(message: "--jwks: \(refusal)") }
                return RemoteKeys(.jwks(url), fetcher: Self.fetcher, cache: Self.cache(), offline: offline)
            }
            do {
                return StaticKeys(try JWKSet(json: Array(try read(jwks).utf8), source: jwks))
            } catch let error as JWKSet.Invalid {
                throw Problem(message: "\(jwks) \(error.message)")
            }
        }
        guard let url = URL(string: issuer), HTTPFetcher.refusal(for: url) == nil else {
            throw Problem(message: "--issuer \(issuer) must be an https URL (http only on loopback)")
        }
        return RemoteKeys(.discovery(issuer: issuer), fetcher: Self.fetcher, cache: Self.cache(), offline: offline)
    }

    /// An empty `--secret "$UNSET"` would verify tokens anyone can make: refused, as are secrets shorter than
    /// RFC 7518 §3.2 allows.
    private static func checkSecretLength(_ count: Int, source: String) throws {
        guard count >= minimumSecretBytes else {
            throw Problem(
                message:
                    "\(source): the HMAC secret is \(count) bytes; at least 32 are needed (48 for HS384, 64 for HS512; RFC 7518 §3.2)"
            )
        }
    }

    static let fetcher = HTTPFetcher(userAgent: "jwt-inspect")

    /// The user's key cache, or none (with a warning) when there is no folder only they can use.
    private static func cache() -> KeyCache? {
        do {
            return try KeyCache.standard(named: "jwt-inspect", environment: ProcessInfo.processInfo.environment)
        } catch {
            StandardStreams.writeError("jwt-inspect: warning: \(error.description)\n")
            return nil
        }
    }

    private func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(message: "cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
