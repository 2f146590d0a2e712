import Hummingbird
import IDTokenKit

/// A request context that can carry the verified ID token. Declare `var idToken: VerifiedIDToken?` in yours.
public protocol IDTokenRequestContext: RequestContext {
    var idToken: VerifiedIDToken? { get set }
}

extension IDTokenRequestContext {
    /// The verified token, in a route behind `BearerTokenMiddleware`. The middleware runs a route only with a
    /// verified token, so none here means the route has no middleware in front of it: a programmer's error, answered
    /// 500 with a log line that says so, rather than a 401 that would blame the caller's token.
    public func requireIDToken() throws(HTTPError) -> VerifiedIDToken {
        guard let idToken else {
            logger.error(
                "requireIDToken() on a route without BearerTokenMiddleware in front of it: add the middleware to the route's router or group"
            )
            throw HTTPError(.internalServerError)
        }
        return idToken
    }
}

/// Lets through only requests with `Authorization: Bearer <id_token>` that verifies: signature, issuer, audience,
/// times, and a nonce when the request names one. The verified token goes into the context
/// (`context.requireIDToken()`).
///
/// - No `Authorization` header, or another scheme: 401 with `WWW-Authenticate: Bearer realm="…"` and no error
///   code (RFC 6750 §3.1: the client may not know that authentication is needed).
/// - A token that is malformed or fails any check: 401 with `WWW-Authenticate: Bearer realm="…",
///   error="invalid_token", error_description="…"` naming what failed in a few words (which claims, never
///   their values or what the server expects).
/// - Keys that cannot be had (the issuer is down): 503, since the token may well be good.
///
/// The body says as much as the challenge, unless `failureDetails` is `.listed`: then it lists every failed
/// check with the values found and expected, for a developer (the tutorial's example API does so).
public struct BearerTokenMiddleware<Context: IDTokenRequestContext>: RouterMiddleware {
    /// How much a refused request is told.
    public enum FailureDetails: Sendable {
        /// The reason in a few words, without the server's settings: for production.
        case brief
        /// Every failed check with what was found and what was expected (`aud is https://x.example, not
        /// https://app.example`): for development, where the caller is the developer.
        case listed
    }

    public let verifier: IDTokenVerifier
    public let cache: VerifiedTokenCache?
    public let realm: String
    public let failureDetails: FailureDetails
    /// The nonce this request's token must carry, or nil when none is required.
    public let expectedNonce: @Sendable (Request, Context) -> String?
    /// Seconds since 1970, now.
    public let clock: @Sendable () -> Int64

    /// A middleware that lets through only requests whose Bearer token `verifier` accepts.
    /// - Parameters:
    ///   - verifier: the issuer, your audience and the keys; its requirements must check the audience.
    ///   - cache: tokens already verified, so that a session's later calls skip the signature check (and only
    ///     that); `nil` verifies every call. One cache may be shared by several middlewares.
    ///   - realm: the `realm` of the `WWW-Authenticate` challenge.
    ///   - failureDetails: `.brief` for production, `.listed` while developing.
    ///   - expectedNonce: the nonce this request's token must carry, or nil when none is required.
    ///   - clock: seconds since 1970, now; a test gives its own.
    public init(
        verifier: IDTokenVerifier, cache: VerifiedTokenCache? = VerifiedTokenCache(), realm: String = "api",
        failureDetails: FailureDetails = .brief,
        expectedNonce: @escaping @Sendable (Request, Context) -> String? = { _, _ in nil },
        clock: @escaping @Sendable () -> Int64 = IDTokenVerifier.currentTime
    ) {
        // Only the package's own inspection path makes requirements without an audience; a server never may.
        precondition(verifier.requirements.checksAudience, "a server's verifier must check the audience")
        self.verifier = verifier
        self.cache = cache
        self.realm = realm
        self.failureDetails = failureDetails
        self.expectedNonce = expectedNonce
        self.clock = clock
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let token = Self.bearerToken(request) else { return challenge(nil) }
        let now = clock()
        let verified: VerifiedIDToken
        do {
            verified = try await verify(token, now: now)
        } catch .keysUnavailable(let error) {
            let detail = failureDetails == .listed ? ": \(error)" : " (the issuer's keys cannot be had)"
            return Response(
                status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "10"],
                body: .init(byteBuffer: ByteBuffer(string: "cannot check tokens now\(detail)\n")))
        } catch {
            return challenge(Self.shortReason(error), details: error.failures)
        }
        if let nonce = expectedNonce(request, context) {
            guard verified["nonce"]?.string?.hasSameBytes(as: nonce) == true else {
                return challenge("the nonce does not match")
            }
        }
        var context = context
        context.idToken = verified
        return try await next(request, context)
    }

    private func verify(_ token: String, now: Int64) async throws(IDTokenVerificationError) -> VerifiedIDToken {
        if let cache, let cached = cache.lookup(token) {
            let set: JWKSet
            if let fresh = verifier.keys.freshKeySet {
                set = fresh
            } else {
                do {
                    set = try await verifier.keys.keySet()
                } catch {
                    throw .keysUnavailable(error)
                }
            }
            // Judged again as `verify` would judge it now, without the signature; nil when another key would check it.
            if let verdict = verifier.verdict(reusing: cached, keys: set, now: now) { return try verdict.get() }
            cache.remove(token)
        }
        let verified = try await verifier.verify(token, now: now)
        cache?.store(token, verified)
        return verified
    }

    /// The token of `Authorization: Bearer <token>` (the scheme in any case), or nil. Read as bytes: the header
    /// comes with every request, and a token is a kilobyte of base64url.
    static func bearerToken(_ request: Request) -> String? {
        guard var field = request.headers[.authorization] else { return nil }
        return field.withUTF8 { bytes -> String? in
            let scheme = "bearer".utf8
            guard bytes.count > scheme.count, bytes[scheme.count] == UInt8(ascii: " "),
                zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 })
            else { return nil }
            var start = scheme.count
            while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
            var end = bytes.count
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return start < end ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) : nil
        }
    }

    /// 401 with the challenge; the body repeats the reason, and lists every failure when `failureDetails` asks.
    private func challenge(_ reason: String?, details: [String] = []) -> Response {
        let details = failureDetails == .listed ? details : []
        var value = "Bearer realm=\"\(Self.quotable(realm))\""
        if let reason { value += ", error=\"invalid_token\", error_description=\"\(Self.quotable(reason))\"" }
        // A page calling from another origin may read the challenge only when it is exposed on this response
        // (Hummingbird 2.28's CORSMiddleware names exposed headers on preflight answers only).
        return Response(
            status: .unauthorized,
            headers: [
                .wwwAuthenticate: value, .accessControlExposeHeaders: "WWW-Authenticate",
                .contentType: "text/plain; charset=utf-8",
            ],
            body: .init(
                byteBuffer: ByteBuffer(
                    string: ([reason ?? "a Bearer token is required"] + details).joined(separator: "\n") + "\n")))
    }

    /// A few words on why: which check failed, not the verifier's whole report.
    static func shortReason(_ error: IDTokenVerificationError) -> String {
        switch error {
        case .malformed(let problem): return "malformed token (\(problem.part.rawValue))"
        case .signatureInvalid: return "the signature is invalid"
        case .unverifiable: return "no key of the issuer verifies it"
        case .keysUnavailable: return "the issuer's keys cannot be had"
        case .claimsFailed(let checks):
            if checks.count == 1, checks[0].claim == .expiration { return "the token has expired" }
            return "claims failed: " + checks.map(\.name).joined(separator: ", ")
        }
    }

    /// RFC 6750 §3: error_description is printable ASCII without `"` and `\`.
    static func quotable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.filter { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" }))
    }
}
