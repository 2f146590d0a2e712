import IDTokenKit

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

    func provider() throws -> any KeyProvider {
        let cache = KeyCache.standard()
        if let secret {
            return StaticKeys(
                JWKSet(keys: [VerificationKey(keyID: nil, material: .secret(Array(secret.utf8)))]), source: "--secret")
        }
        if let key {
            let text = try read(key)
            do {
                if text.contains("-----BEGIN") {
                    return StaticKeys(
                        JWKSet(keys: [VerificationKey(keyID: nil, material: .publicKey(try OpenSSLKey.publicKey(pem: text)))]),
                        source: key)
                }
                let json = try StrictJSON.parse(Array(text.utf8))
                return StaticKeys(JWKSet(keys: [try JWK.parse(json, allowSecret: true)]), source: key)
            } catch {
                throw Problem(message: "\(key): not a usable PEM public key or JWK: \(error)")
            }
        }
        if let jwks {
            if jwks.contains("://") {
                guard let url = URL(string: jwks) else { throw Problem(message: "--jwks \(jwks) is not a URL") }
                if let refusal = HTTPFetcher.refusal(for: url) { throw Problem(message: "--jwks: \(refusal)") }
                return RemoteKeys(.jwks(url), cache: cache, offline: offline)
            }
            do {
                return StaticKeys(try JWKSet(json: Array(try read(jwks).utf8)), source: jwks)
            } catch let error as JWKSet.Invalid {
                throw Problem(message: "\(jwks) \(error.message)")
            }
        }
        guard let url = URL(string: issuer), HTTPFetcher.refusal(for: url) == nil else {
            throw Problem(message: "--issuer \(issuer) must be an https URL (http only on loopback)")
        }
        return RemoteKeys(.discovery(issuer: issuer), cache: cache, offline: offline)
    }

    private func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(message: "cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
