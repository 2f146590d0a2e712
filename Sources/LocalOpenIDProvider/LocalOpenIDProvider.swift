import Foundation
import Hummingbird
import IDTokenKit
import Logging
import LoopbackServing
import NIOCore
import OpenSSLHTTPClient
import Synchronization

/// An OpenID provider on 127.0.0.1 for trying the demo offline: discovery, JWKS, an authorize endpoint that signs
/// the configured user in at once and redirects back with `#id_token=…`, a session endpoint for `id()`, logout,
/// and the connect stand-in module. Paths follow Passwordless.ID's. Keys are generated at start and never saved.
public struct LocalOpenIDProvider: Sendable {
    public struct Options: Sendable {
        public var port: Int
        /// RS256 like Passwordless.ID; ES256 like its mock.
        public var algorithm: JWSAlgorithm
        /// A JSON object of claims, read at every sign-in so it can be edited while the provider runs.
        public var profileFile: URL?
        /// A copy of the real connect library, served at `/connect.js` instead of the stand-in with its API base
        /// pointed here, to check that the provider speaks the library's protocol.
        public var connectModule: URL?
        public var tokenLifetime: Int64

        public init(
            port: Int = 0, algorithm: JWSAlgorithm = .rs256, profileFile: URL? = nil, connectModule: URL? = nil,
            tokenLifetime: Int64 = 3600
        ) {
            self.port = port
            self.algorithm = algorithm
            self.profileFile = profileFile
            self.connectModule = connectModule
            self.tokenLifetime = tokenLifetime
        }
    }

    public struct UnsupportedAlgorithm: Error, CustomStringConvertible {
        public let algorithm: JWSAlgorithm
        public var description: String { "the local provider signs with RS256 or ES256, not \(algorithm.rawValue)" }
    }

    /// RS256 like Passwordless.ID, ES256 like its mock.
    public static let supportedAlgorithms: [JWSAlgorithm] = [.rs256, .es256]

    public static let sessionCookie = "local-idp-session"
    /// Where the connect stand-in module is served.
    public static let standInPath = ConnectStandIn.path

    public let options: Options
    let signer: TokenSigner
    let sessions = SignInSessions()
    let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void) throws {
        guard Self.supportedAlgorithms.contains(options.algorithm) else {
            throw UnsupportedAlgorithm(algorithm: options.algorithm)
        }
        self.options = options
        self.log = log
        let keyID = "local-" + RandomID.hex(bytes: 4)
        signer = try TokenSigner(generating: options.algorithm, keyID: keyID)
    }

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM. `onRunning` gets the issuer URL
    /// (`http://127.0.0.1:PORT`) once the port is open.
    public func run(onRunning: @escaping @Sendable (_ issuer: String) -> Void) async throws {
        let issuer = IssuerURL()
        let router = Router()
        // Each request and its status in serve's output: what the connect library asked, and what it got.
        router.add(middleware: RequestLog(log: log))
        router.get("/.well-known/openid-configuration") { _, _ in
            Self.json(self.discovery(issuer: issuer.value), cacheControl: "no-store")
        }
        router.get("/openid/jwks") { _, _ in Self.json(self.signer.jwks, cacheControl: "no-store") }
        router.get("/openid/authorize") { request, _ in await self.authorize(request, issuer: issuer.value) }
        router.get("/openid/id_token") { request, _ in await self.currentToken(request, issuer: issuer.value) }
        router.get("/openid/logout") { request, _ in await self.logout(request) }
        router.get(.init(stringLiteral: ConnectStandIn.path)) { _, _ in
            guard let source = self.connectModuleSource(issuer: issuer.value) else {
                return Self.text("cannot read \(self.options.connectModule?.path ?? "")", status: .internalServerError)
            }
            // A module script from another origin is fetched with CORS, as from the CDN.
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store",
                    .accessControlAllowOrigin: "*",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(string: source)))
        }
        let app = Application(
            router: LoopbackOnly(router, port: { issuer.port }),
            configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "local-idp"),
            onServerRunning: { channel in
                issuer.value = "http://127.0.0.1:\(channel.localAddress?.port ?? self.options.port)"
                onRunning(issuer.value)
            },
            logger: Logger(label: "local-idp", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.runService()
    }

    // MARK: - Endpoints

    func discovery(issuer: String) -> JSONValue {
        .object([
            ("issuer", .string(issuer)),
            ("authorization_endpoint", .string("\(issuer)/openid/authorize")),
            ("jwks_uri", .string("\(issuer)/openid/jwks")),
            ("end_session_endpoint", .string("\(issuer)/openid/logout")),
            ("response_types_supported", .array([.string("id_token")])),
            ("subject_types_supported", .array([.string("public")])),
            ("id_token_signing_alg_values_supported", .array([.string(signer.algorithm.rawValue)])),
            ("scopes_supported", .array(UserProfile.supportedScopes.map(JSONValue.string))),
            ("claims_supported", .array(UserProfile.claimsByScope.flatMap(\.claims).map(JSONValue.string))),
        ])
    }

    /// Signs the configured user in at once (no prompt: this provider is for trying the demo) and redirects back
    /// with the token in the fragment, and `state` when one was sent. `nonce` goes into the token when sent;
    /// `prompt` is accepted and has nothing to change, since nothing is ever asked. A bad `redirect_uri` is
    /// answered here; other errors go back to the client.
    func authorize(_ request: Request, issuer: String) async -> Response {
        let query = FormQuery(request.uri.query)
        guard let client = query["client_id"], let redirect = query["redirect_uri"] else {
            return Self.text("client_id and redirect_uri are required", status: .badRequest)
        }
        // Read as the browser will read it: a URL another parser reads to another host is refused, not guessed at.
        guard let target = BrowserURL(redirect), target.origin.utf8.elementsEqual(client.utf8) else {
            return Self.text(
                "redirect_uri \(redirect) is not on the client's origin \(client); the provider sends tokens only there",
                status: .badRequest)
        }
        // It signs in without asking, so it answers only pages on this machine, not any site open in the browser.
        guard target.isLoopback else {
            return Self.text(
                "client \(client) is not on this machine; the local provider serves loopback pages only", status: .forbidden)
        }
        let back = { (pairs: [(String, String)]) -> Response in
            let withState = pairs + (query["state"].map { [("state", $0)] } ?? [])
            return Response(
                status: .found, headers: [.location: Self.withoutFragment(redirect) + "#" + FormQuery.encode(withState)])
        }
        guard query["response_type"] == "id_token" else {
            return back([
                ("error", "unsupported_response_type"), ("error_description", "this provider answers response_type=id_token"),
            ])
        }
        let scopes = Self.scopes(query["scope"])
        guard scopes.contains("openid"), scopes.allSatisfy(UserProfile.supportedScopes.contains) else {
            return back([
                ("error", "invalid_scope"),
                (
                    "error_description",
                    "scope must include openid and only \(UserProfile.supportedScopes.joined(separator: ", "))"
                ),
            ])
        }
        let profile: UserProfile
        do {
            profile = try currentProfile()
        } catch {
            return Self.text("\(error)", status: .internalServerError)
        }
        let now = Int64(Date().timeIntervalSince1970)
        let session = await sessions.signIn(request.cookies[Self.sessionCookie]?.value, client: client, scopes: scopes, now: now)
        do {
            let token = try idToken(
                profile: profile, scopes: scopes, client: client, nonce: query["nonce"], authTime: session.authTime,
                issuer: issuer,
                now: now)
            var response = back([("id_token", token)])
            response.headers[.setCookie] = "\(Self.sessionCookie)=\(session.id); Path=/; HttpOnly; SameSite=Lax"
            log("local-idp: signed in \(profile.claims.first { $0.0 == "sub" }?.1.string ?? "?") for \(client)")
            return response
        } catch {
            return Self.text("cannot sign the token: \(error)", status: .internalServerError)
        }
    }

    /// The session check that connect 1.2.1's `id()` and `request()` make: `GET /openid/id_token?scope=…[&nonce=…]`
    /// with the session cookie and no client_id, so the client is the page's `Origin`. 200 `{"id_token": …}` when
    /// signed in with the scope granted to that client, 401 when not signed in, 403 when the scope was not granted;
    /// each with the CORS headers that let that origin read the status. Other origins get nothing they can read.
    func currentToken(_ request: Request, issuer: String) async -> Response {
        let query = FormQuery(request.uri.query)
        let origin = request.headers[.origin]
        guard let client = origin ?? query["client_id"] else {
            return Self.text("an Origin header (or client_id) is required", status: .badRequest)
        }
        if let origin, let named = query["client_id"], !named.utf8.elementsEqual(origin.utf8) {
            return Self.text("origin \(origin) may not ask for client \(named)'s token", status: .forbidden)
        }
        guard let page = BrowserURL(client), page.isLoopback, page.origin.utf8.elementsEqual(client.utf8) else {
            return Self.text(
                "client \(client) is not on this machine; the local provider serves loopback pages only", status: .forbidden)
        }
        let cors = { (response: Response) -> Response in
            guard let origin else { return response }
            var response = response
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
            response.headers[.vary] = "Origin"
            return response
        }
        guard let session = await sessions.session(request.cookies[Self.sessionCookie]?.value) else {
            return cors(Self.json(.object([("error", .string("login_required"))]), status: .unauthorized))
        }
        let scopes = Self.scopes(query["scope"])
        guard let granted = session.grants[client], scopes.allSatisfy(granted.contains) else {
            return cors(Self.json(.object([("error", .string("consent_required"))]), status: .forbidden))
        }
        do {
            let token = try idToken(
                profile: try currentProfile(), scopes: scopes, client: client, nonce: query["nonce"],
                authTime: session.authTime, issuer: issuer, now: Int64(Date().timeIntervalSince1970))
            return cors(Self.json(.object([("id_token", .string(token))])))
        } catch {
            return Self.text("\(error)", status: .internalServerError)
        }
    }

    /// Ends the session and sends the browser back to `redirect_uri` (what connect 1.2.1's `logout()` sends) or
    /// `post_logout_redirect_uri` (OpenID's name), but only to a page on this machine.
    func logout(_ request: Request) async -> Response {
        let query = FormQuery(request.uri.query)
        await sessions.signOut(request.cookies[Self.sessionCookie]?.value)
        let expired = "\(Self.sessionCookie)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        var response: Response
        if let target = query["redirect_uri"] ?? query["post_logout_redirect_uri"] {
            // Anything else would make the provider an open redirect.
            response =
                Self.isLocalPage(target)
                ? Response(status: .found, headers: [.location: target])
                : Self.text("Signed out, but \(target) is not a page on this machine, so no redirect.", status: .badRequest)
        } else {
            response = Self.text("Signed out of the local provider.", status: .ok)
        }
        response.headers[.setCookie] = expired
        log("local-idp: signed out")
        return response
    }

    /// The scopes asked for, or connect's default.
    static func scopes(_ parameter: String?) -> [String] {
        (parameter ?? defaultScope).split(separator: " ").map(String.init)
    }

    /// What connect 1.2.1 asks for when the page names no scope.
    static let defaultScope = "openid avatar"

    /// The stand-in, or the real library's file with its API base pointed at `issuer`.
    func connectModuleSource(issuer: String) -> String? {
        guard let file = options.connectModule else { return ConnectStandIn.source(issuer: issuer) }
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "https://api.passwordless.id", with: issuer)
    }

    /// The user as the profile file says now (it may be edited while the provider runs), or the standard user.
    func currentProfile() throws -> UserProfile {
        do {
            return try options.profileFile.map(UserProfile.load(from:)) ?? .standard
        } catch {
            log("local-idp: \(error)")
            throw error
        }
    }

    func idToken(
        profile: UserProfile, scopes: [String], client: String, nonce: String?, authTime: Int64, issuer: String, now: Int64
    ) throws -> String {
        var claims: [(String, JSONValue)] = [
            ("iss", .string(issuer)), ("aud", .string(client)), ("iat", .number(String(now))),
            ("exp", .number(String(now + options.tokenLifetime))), ("auth_time", .number(String(authTime))),
        ]
        if let nonce { claims.append(("nonce", .string(nonce))) }
        claims += profile.claims(for: scopes)
        return try signer.sign(claims: .object(claims))
    }

    // MARK: - Helpers

    /// A page on this machine, as a browser reads the URL (`BrowserURL`): an http(s) URL on a loopback host.
    static func isLocalPage(_ text: String) -> Bool {
        BrowserURL(text)?.isLoopback == true
    }

    static func withoutFragment(_ url: String) -> String {
        url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, cacheControl: String = "no-store") -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: cacheControl],
            body: ResponseBody(byteBuffer: ByteBuffer(string: value.serialized)))
    }

    static func text(_ message: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

/// The issuer URL, known once the port is open (port 0 picks a free one).
final class IssuerURL: Sendable {
    private let stored = Mutex("")

    var value: String {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }

    /// The port it names, once known.
    var port: Int { Int(value.split(separator: ":").last ?? "") ?? 0 }
}

/// Logs `local-idp: GET /openid/id_token?scope=openid → 401` for every request.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response = try await next(request, context)
        let query = request.uri.query.map { "?" + $0 } ?? ""
        log("local-idp: \(request.method) \((request.uri.path + query).escapedForDisplay()) → \(response.status.code)")
        return response
    }
}
