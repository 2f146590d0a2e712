import Hummingbird
import IDTokenHummingbird
import IDTokenKit
import IssuerKeys

public struct AppContext: IDTokenRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var idToken: VerifiedIDToken?
    public init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
}

/// What the app reads from a verified token.
public struct Profile: Decodable, ResponseEncodable, Sendable {
    public var sub: String
    public var nickname: String?
}

/// The app's routes: `/health` is open, `/api/...` needs a verified ID token for `clientID`.
public func buildRouter(issuer: String, clientID: String, keys: any KeyProvider) -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    router.get("health") { _, _ in "ok" }
    let verifier = IDTokenVerifier(issuer: issuer, audience: clientID, keys: keys)
    let api = router.group("api").add(middleware: BearerTokenMiddleware(verifier: verifier))
    api.get("me") { _, context in try context.requireIDToken().decode(Profile.self) }
    return router
}

/// In production: Passwordless.ID's keys, from its discovery document.
public func passwordlessKeys() -> RemoteKeys {
    RemoteKeys(.discovery(issuer: "https://api.passwordless.id"))
}
