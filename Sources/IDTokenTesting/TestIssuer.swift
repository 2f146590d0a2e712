import IDTokenKit

/// An issuer for tests: a key of its own, ID tokens signed with it, and the keys a verifier needs, in memory.
///
///     let issuer = try TestIssuer(audience: "https://app.example")
///     let verifier = issuer.verifier()
///     let token = try issuer.token(subject: "user-1", claims: ["nickname": "Sam"])
///     let expired = try issuer.token(.expired)
///
/// Tokens carry what a verifier checks (`iss`, `aud`, `sub`, `iat`, `exp`, and `nonce` when asked) and verify
/// unless made with a flaw.
public struct TestIssuer: Sendable {
    public let issuer: String
    public let audience: String
    /// The clock skew the verifier allows; flawed tokens are wrong by more than it.
    public let leeway: Int64
    private let signer: TokenSigner

    /// An issuer for `audience` (your client id, as the verifier under test requires it) with a key of
    /// `algorithm`: RS256 by default, as Passwordless.ID signs; ES256, PS256, EdDSA and the others work too.
    ///
    /// Keys are made once per process for each kind and shared by every `TestIssuer` (an RSA key takes a large
    /// part of a second; a suite of route tests should not wait for one per test): two issuers of one algorithm
    /// sign with the same key. A token signed by another key is the `.otherKey` flaw.
    public init(
        issuer: String = "https://issuer.test", audience: String, algorithm: JWSAlgorithm = .rs256,
        keyID: String = "test-key", leeway: Int64 = 60
    ) throws {
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        do {
            signer = try TokenSigner(sharedKeyFor: algorithm, keyID: keyID)
        } catch {
            throw TestIssuerError(description: "cannot make a \(algorithm.rawValue) key: \(error)")
        }
    }

    /// Another key under the same `kid`, for tokens the issuer did not sign; made only when a flaw needs it.
    private func impostor() throws -> TokenSigner {
        do {
            return try TokenSigner(sharedKeyFor: algorithm, keyID: keyID, slot: 1)
        } catch {
            throw TestIssuerError(description: "cannot make a second \(algorithm.rawValue) key: \(error)")
        }
    }

    public var algorithm: JWSAlgorithm { signer.algorithm }
    public var keyID: String { signer.keyID }

    /// The issuer's key set, as it would publish it at its `jwks_uri`.
    public var jwksJSON: String { signer.jwks.serialized }

    /// The issuer's public key as PEM (`-----BEGIN PUBLIC KEY-----`), for `StaticKeys(pem:)`.
    public var publicKeyPEM: String {
        get throws {
            do {
                return try signer.key.publicKeyPEM()
            } catch {
                throw TestIssuerError(description: "cannot write the public key: \(error)")
            }
        }
    }

    /// The issuer's public keys, for a verifier.
    public var keys: StaticKeys {
        // The set was just written from a key of our own; it parses.
        (try? StaticKeys(jwksJSON: jwksJSON, source: "TestIssuer \(issuer)"))
            ?? StaticKeys(JWKSet(keys: [], source: "TestIssuer \(issuer)"))
    }

    /// What a verifier of this issuer's tokens requires.
    public func requirements(nonce: String? = nil, maxAge: Int64? = nil) -> ClaimRequirements {
        ClaimRequirements(issuer: issuer, audience: audience, leeway: leeway, nonce: nonce, maxAge: maxAge)
    }

    /// A verifier with this issuer's requirements and keys.
    public func verifier(nonce: String? = nil, maxAge: Int64? = nil) -> IDTokenVerifier {
        IDTokenVerifier(requirements: requirements(nonce: nonce, maxAge: maxAge), keys: keys)
    }

    /// The ways a token can be wrong that a verifier must refuse.
    public enum Flaw: CaseIterable, Sendable {
        /// `exp` passed an hour beyond the leeway.
        case expired
        /// `iat` ahead of the clock an hour beyond the leeway.
        case issuedInTheFuture
        /// `aud` is another app's client id.
        case otherAudience
        /// `iss` is another issuer.
        case otherIssuer
        /// No `sub`.
        case missingSubject
        /// Signed by another key under this issuer's `kid`.
        case otherKey
        /// One bit of the signature changed.
        case changedSignature
        /// `alg: none` and no signature.
        case unsigned
    }

    /// A token that verifies: `iss`, `aud`, `sub`, `iat` (`now`, seconds since 1970: a test clock's time when the
    /// verifier runs on one) and `exp` (`now` + `lifetime`), `nonce` when given, then `claims` (which may replace
    /// any of those).
    public func token(
        subject: String = "user-1", claims: KeyValuePairs<String, JSONValue> = [:], nonce: String? = nil,
        lifetime: Int64 = 3600, now: Int64 = IDTokenVerifier.currentTime()
    ) throws -> String {
        try sign(payload(subject: subject, claims: claims, nonce: nonce, lifetime: lifetime, now: now), by: signer)
    }

    /// A token with one flaw, otherwise as `token(subject:claims:nonce:lifetime:now:)` makes it.
    public func token(
        _ flaw: Flaw, subject: String = "user-1", claims: KeyValuePairs<String, JSONValue> = [:], nonce: String? = nil,
        now: Int64 = IDTokenVerifier.currentTime()
    ) throws -> String {
        // An hour beyond the leeway either way, so that time passing between signing and checking (a busy test
        // machine) changes nothing.
        let margin = leeway.saturatingAdding(3600)
        var payload = payload(subject: subject, claims: claims, nonce: nonce, lifetime: 3600, now: now)
        switch flaw {
        case .expired:
            let exp = now.saturatingSubtracting(margin)
            payload = replacing(["iat": .integer(exp.saturatingSubtracting(3600)), "exp": .integer(exp)], in: payload)
        case .issuedInTheFuture: payload = replacing(["iat": .integer(now.saturatingAdding(margin))], in: payload)
        case .otherAudience: payload = replacing(["aud": "https://other-app.test"], in: payload)
        case .otherIssuer: payload = replacing(["iss": "https://other-issuer.test"], in: payload)
        case .missingSubject: payload = payload.filter { $0.0 != "sub" }
        case .otherKey: return try sign(payload, by: try impostor())
        case .changedSignature:
            let token = try sign(payload, by: signer)
            guard let last = token.utf8.last else { return token }
            // The last character's high bits belong to the signature in every algorithm's length.
            let swapped: UInt8 = last == UInt8(ascii: "A") ? UInt8(ascii: "Q") : UInt8(ascii: "A")
            return String(decoding: token.utf8.dropLast() + [swapped], as: UTF8.self)
        case .unsigned:
            let header = JSONValue.object([("alg", "none"), ("typ", "JWT")]).serialized
            return Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(JSONValue.object(payload).serialized.utf8))
                + "."
        }
        return try sign(payload, by: signer)
    }

    private func payload(
        subject: String, claims: KeyValuePairs<String, JSONValue>, nonce: String?, lifetime: Int64, now: Int64
    ) -> [(String, JSONValue)] {
        var payload: [(String, JSONValue)] = [
            ("iss", .string(issuer)), ("aud", .string(audience)), ("sub", .string(subject)), ("iat", .integer(now)),
            ("exp", .integer(now.saturatingAdding(lifetime))),
        ]
        if let nonce { payload.append(("nonce", .string(nonce))) }
        return replacing(claims, in: payload)
    }

    /// `payload` with each of `changes` in place of the member of that name, or added at the end.
    private func replacing(_ changes: KeyValuePairs<String, JSONValue>, in payload: [(String, JSONValue)]) -> [(
        String, JSONValue
    )] {
        var payload = payload
        for (name, value) in changes {
            if let index = payload.firstIndex(where: { $0.0.hasSameBytes(as: name) }) {
                payload[index].1 = value
            } else {
                payload.append((name, value))
            }
        }
        return payload
    }

    private func sign(_ payload: [(String, JSONValue)], by signer: TokenSigner) throws -> String {
        do {
            return try signer.sign(claims: .object(payload))
        } catch {
            throw TestIssuerError(description: "cannot sign: \(error)")
        }
    }
}

/// A key that could not be made or a token that could not be signed (OpenSSL refused).
public struct TestIssuerError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
