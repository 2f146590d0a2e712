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

    func provider() throws -> any KeyProvider {
        do {
            if let secret { return try StaticKeys(hmacSecret: Array(secret.utf8), source: "--secret") }
            if let key {
                let text = try read(key)
                if text.contains("-----BEGIN") { return try StaticKeys(pem: text, source: key) }
                return try StaticKeys(jwk: text, source: key)
            }
        } catch let error as KeyMaterialError {
            let source = secret != nil ? "--secret" : key ?? ""
            if error.kind == .shortSecret { throw Problem(message: "\(source): \(error.message)") }
            throw Problem(message: "\(source): not a usable PEM public key or JWK: \(error)")
        }
        if let jwks {
            if jwks.contains("://") {
                guard let url = URL(string: jwks) else { throw Problem(message: "--jwks \(jwks) is not a URL") }
                if let refusal = HTTPFetcher.refusal(for: url) { throw Problem(message: "--jwks: \(refusal)") }
                return RemoteKeys(.jwks(url), fetcher: Self.fetcher, cache: Self.cache(), offline: offline)
            }
            let text = try read(jwks)
            do {
                return try StaticKeys(jwksJSON: text, source: jwks)
            } catch {
                throw Problem(message: "\(jwks) \(error.message)")
            }
        }
        guard let url = URL(string: issuer), HTTPFetcher.refusal(for: url) == nil else {
            throw Problem(message: "--issuer \(issuer) must be an https URL (http only on loopback)")
        }
        return RemoteKeys(.discovery(issuer: issuer), fetcher: Self.fetcher, cache: Self.cache(), offline: offline)
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
