// The tutorial's server: an API that trusts only verified ID tokens. `build-site serve --local-idp` runs it
// against the local provider; `example-api` runs it on its own.
import Foundation
import Hummingbird
import IDTokenHummingbird
import IDTokenKit
import IssuerKeys

// #region context
/// Each request carries the verified token, once the middleware has checked it.
public struct APIContext: IDTokenRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var idToken: VerifiedIDToken?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
// #endregion

// #region me
/// What `GET /api/me` answers: who the token says the user is, and until when it holds.
public struct Me: ResponseEncodable {
    public var sub: String
    public var nickname: String?
    public var expiresAt: String

    public init(sub: String, nickname: String?, expiresAt: String) {
        self.sub = sub
        self.nickname = nickname
        self.expiresAt = expiresAt
    }
}
// #endregion

/// The API's routes for pages on `pageOrigin`, which is also the audience its tokens must name. `cache: nil` checks
/// every token's signature on every call (the benchmark compares both).
public func exampleAPIRouter(
    issuer: String, pageOrigin: String, keys: any KeyProvider, cache: VerifiedTokenCache? = VerifiedTokenCache()
) -> Router<APIContext> {
    let router = Router(context: APIContext.self)
    // #region router
    // The page calls from its own origin: let that one origin send the Authorization header and read the answer,
    // 401s included, with their reason.
    router.add(
        middleware: CORSMiddleware(
            allowOrigin: .custom(pageOrigin), allowHeaders: [.authorization], allowMethods: [.get],
            exposedHeaders: ["WWW-Authenticate"]))

    // Passwordless.ID signs with RS256; its keys come from its discovery document, cached and refreshed. The
    // audience is required: tokens the issuer minted for any other app are refused.
    let verifier = IDTokenVerifier(issuer: issuer, audience: pageOrigin, keys: keys)

    // Every route of the group needs `Authorization: Bearer <id_token>` that verifies; verified tokens are kept
    // until they expire, so a session's later calls skip the signature check. This API is the tutorial's, so a
    // refusal lists every failed check for the developer reading it; a production API leaves that out (.brief).
    let api = router.group("api").add(
        middleware: BearerTokenMiddleware(verifier: verifier, cache: cache, failureDetails: .listed))
    api.get("me") { _, context -> Me in
        let token = try context.requireIDToken()
        let expiry = Date(timeIntervalSince1970: TimeInterval(token.expiresAt))
        return Me(sub: token.subject, nickname: token["nickname"]?.string, expiresAt: expiry.ISO8601Format())
    }
    // #endregion
    return router
}

/// The keys of `issuer`, from its discovery document.
public func issuerKeys(_ issuer: String) -> RemoteKeys {
    RemoteKeys(.discovery(issuer: issuer))
}
