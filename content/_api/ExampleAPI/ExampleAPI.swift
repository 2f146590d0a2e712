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
struct Me: ResponseEncodable {
    var sub: String
    var nickname: String?
    var expiresAt: String
}
// #endregion

/// The API's routes for pages on `pageOrigin`, which is also the audience its tokens must name.
public func exampleAPIRouter(issuer: String, pageOrigin: String, keys: any KeyProvider) -> Router<APIContext> {
    let router = Router(context: APIContext.self)
    // #region router
    // The page calls from its own origin: let that one origin send the Authorization header and read the answer,
    // 401s included, with their reason.
    router.add(
        middleware: CORSMiddleware(
            allowOrigin: .custom(pageOrigin), allowHeaders: [.authorization], allowMethods: [.get],
            exposedHeaders: ["WWW-Authenticate"]))

    // Passwordless.ID signs with RS256; its keys come from its discovery document, cached and refreshed.
    let verifier = IDTokenVerifier(
        requirements: ClaimRequirements(issuer: issuer, audience: pageOrigin), keys: keys)

    // Every route of the group needs `Authorization: Bearer <id_token>` that verifies.
    let api = router.group("api").add(middleware: BearerTokenMiddleware(verifier: verifier))
    api.get("me") { _, context -> Me in
        guard let token = context.idToken else { throw HTTPError(.unauthorized) }
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
