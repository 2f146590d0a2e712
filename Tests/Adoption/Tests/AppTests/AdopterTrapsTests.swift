import App
import Foundation
import Hummingbird
import HummingbirdTesting
import IDTokenHummingbird
import IDTokenKit
import IDTokenTesting
import IssuerKeys
import Testing

/// The traps a newcomer fell into, tried from outside the package as an adopter meets them.
@Suite struct AdopterTrapsTests {
    /// A single key given without `keyID:` verifies Passwordless.ID-style tokens, which carry a `kid`.
    @Test func aSingleKeyVerifiesWhateverKidTheTokenNames() async throws {
        let issuer = try TestIssuer(issuer: "https://api.passwordless.id", audience: "https://app.example", keyID: "k1")
        let keys = try StaticKeys(pem: try issuer.publicKeyPEM)
        let verifier = IDTokenVerifier(issuer: issuer.issuer, audience: issuer.audience, keys: keys)
        #expect(try await verifier.verify(try issuer.token()).subject == "user-1")

        // Named otherwise, the error says what the key is called.
        let named = try StaticKeys(pem: try issuer.publicKeyPEM, keyID: "k2")
        let refusing = IDTokenVerifier(issuer: issuer.issuer, audience: issuer.audience, keys: named)
        await #expect {
            _ = try await refusing.verify(try issuer.token())
        } throws: { error in
            "\(error)".contains(#"no key with kid "k1""#) && "\(error)".contains(#"its kid is "k2""#)
        }
    }

    /// A route that asks for the token with no middleware in front is the programmer's error, not the caller's.
    @Test func requireIDTokenWithoutTheMiddlewareIsA500() async throws {
        let router = Router(context: AppContext.self)
        router.get("forgotten") { _, context in try context.requireIDToken().subject }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/forgotten", method: .get, headers: [.authorization: "Bearer x"]) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.wwwAuthenticate] == nil, "nothing blames the token")
            }
        }
    }

    /// The issuer is said once; keys from another issuer's discovery never verify a token.
    @Test func theIssuerIsSaidOnceAndChecked() async throws {
        let issuer = try TestIssuer(issuer: "https://issuer.example", audience: "https://app.example", algorithm: .es256)
        let documents = Documents([
            "https://issuer.example/.well-known/openid-configuration":
                #"{"issuer":"https://issuer.example","jwks_uri":"https://issuer.example/jwks"}"#,
            "https://issuer.example/jwks": issuer.jwksJSON,
            "https://impostor.example/.well-known/openid-configuration":
                #"{"issuer":"https://issuer.example","jwks_uri":"https://issuer.example/jwks"}"#,
        ])
        let verifier = IDTokenVerifier(discovering: "https://issuer.example", audience: issuer.audience, fetcher: documents)
        #expect(try await verifier.verify(try issuer.token()).issuer == "https://issuer.example")

        // A discovery document naming another issuer (OpenID Connect Discovery 4.3).
        let impostor = IDTokenVerifier(discovering: "https://impostor.example", audience: issuer.audience, fetcher: documents)
        await #expect(throws: IDTokenVerificationError.self) { _ = try await impostor.verify(try issuer.token()) }
        // The issuer written twice, differently.
        let twice = IDTokenVerifier(
            issuer: "https://other.example", audience: issuer.audience,
            keys: RemoteKeys(.discovery(issuer: "https://issuer.example"), fetcher: documents))
        let token = try issuer.token()
        do {
            _ = try await twice.verify(token)
            Issue.record("verified with keys of another issuer")
        } catch {
            guard case .keysUnavailable(let lookup) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(lookup.kind == .issuerMismatch && "\(lookup)".contains("IDTokenVerifier(discovering:audience:)"))
        }
    }

    /// Test issuers share their keys within a process: twenty route tests do not wait for twenty RSA keys.
    @Test func testIssuersShareTheirKeys() throws {
        let started = ContinuousClock.now
        let issuers = try (0..<20).map { _ in try TestIssuer(audience: "https://app.example") }
        let keys = Set(issuers.map(\.jwksJSON))
        #expect(keys.count == 1, "every RS256 test issuer signs with the one key")
        print("20 RS256 test issuers in \(ContinuousClock.now - started)")
    }
}

/// Documents served from memory, as an HTTP client would fetch them.
struct Documents: DocumentFetching {
    let byURL: [String: String]
    init(_ byURL: [String: String]) { self.byURL = byURL }

    struct Missing: Error {}

    func fetch(_ url: URL) async throws -> FetchedDocument {
        guard let text = byURL[url.absoluteString] else { throw Missing() }
        return FetchedDocument(body: Array(text.utf8), maxAge: 3600)
    }
}
