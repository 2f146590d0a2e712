import ExampleAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import IDTokenKit
import IDTokenTesting
import Testing

/// The tutorial's example API, tested as an adopter tests routes: a test issuer's keys in memory, tokens from it,
/// Hummingbird's test client.
@Suite struct ExampleAPITests {
    static let pageOrigin = "http://127.0.0.1:8000"

    let issuer: TestIssuer
    let app: Application<RouterResponder<APIContext>>

    init() throws {
        issuer = try TestIssuer(issuer: "https://api.passwordless.test", audience: Self.pageOrigin)
        app = Application(router: exampleAPIRouter(issuer: issuer.issuer, pageOrigin: Self.pageOrigin, keys: issuer.keys))
    }

    @Test func meAnswersWhoTheVerifiedTokenSaysTheUserIs() async throws {
        let token = try issuer.token(subject: "user-42", claims: ["nickname": "Sam"], now: 1_900_000_000)
        let later = try issuer.token(subject: "user-42", claims: ["nickname": "Sam"])
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/me", method: .get, headers: .bearer(later)) { response in
                #expect(response.status == .ok)
                let me = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(me["sub"] == "user-42" && me["nickname"] == "Sam")
            }
            // Issued far in the future: refused, and as the tutorial's API, it says why in the body.
            try await client.execute(uri: "/api/me", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("iat 2030-03-17 17:46:40 UTC: issued"))
            }
        }
    }

    @Test(arguments: TestIssuer.Flaw.allCases)
    func everyUsualBadTokenIsRefused(flaw: TestIssuer.Flaw) async throws {
        let token = try issuer.token(flaw)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/me", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
            }
        }
    }

    @Test func onlyThePageOriginMaySendTheTokenFromABrowser() async throws {
        try await app.test(.router) { client in
            let preflight: HTTPFields = [
                .origin: Self.pageOrigin, .accessControlRequestMethod: "GET", .accessControlRequestHeaders: "authorization",
            ]
            try await client.execute(uri: "/api/me", method: .options, headers: preflight) { response in
                #expect(response.headers[.accessControlAllowOrigin] == Self.pageOrigin)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.origin: Self.pageOrigin]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.accessControlExposeHeaders]?.contains("WWW-Authenticate") == true)
            }
        }
    }
}
