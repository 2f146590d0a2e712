import IDTokenKit
import OpenSSLHTTPClient

extension IDTokenVerifier {
    /// A verifier for the tokens `issuer` makes for your app (`audience`, your client id), with the keys that
    /// `issuer`'s discovery document names: the issuer is said once.
    ///
    ///     let verifier = IDTokenVerifier(discovering: "https://api.passwordless.id", audience: "https://app.example")
    ///
    /// The discovery document must name exactly this issuer (OpenID Connect Discovery 4.3); otherwise no token
    /// verifies and each verification fails with `KeyLookupError.Kind.issuerMismatch` (a middleware answers 503).
    /// - Parameters:
    ///   - issuer: the issuer's URL, as its tokens' `iss` and its discovery document's `issuer` say it.
    ///   - audience: your client id, which the tokens' `aud` must contain.
    ///   - leeway: the clock skew allowed on `exp`, `iat`, `nbf` and `auth_time`, in seconds.
    ///   - fetcher: the HTTP client; `AsyncHTTPClientFetcher` adapts a server's AsyncHTTPClient.
    public init(
        discovering issuer: String, audience: String, leeway: Int64 = 60, fetcher: any DocumentFetching = HTTPFetcher()
    ) {
        self.init(
            requirements: ClaimRequirements(issuer: issuer, audience: audience, leeway: leeway),
            keys: RemoteKeys(.discovery(issuer: issuer), fetcher: fetcher))
    }
}
