import App
import Foundation
import Hummingbird
import HummingbirdTesting
import IDTokenTesting
import Testing

@Suite struct RouteTests {
    // README:begin
    @Test func meNeedsAVerifiedTokenForThisApp() async throws {
        let issuer = try TestIssuer(issuer: "https://api.passwordless.id", audience: "https://app.example")
        let app = Application(router: buildRouter(issuer: issuer.issuer, clientID: issuer.audience, keys: issuer.keys))
        try await app.test(.router) { client in
            let token = try issuer.token(subject: "user-1", claims: ["nickname": "Sam"])
            try await client.execute(uri: "/api/me", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .ok)
            }
            for flaw in TestIssuer.Flaw.allCases {  // expired, another app's, another key, a changed signature…
                try await client.execute(uri: "/api/me", method: .get, headers: .bearer(try issuer.token(flaw))) {
                    #expect($0.status == .unauthorized)
                }
            }
        }
    }
    // README:end

    @Test func theProfileComesFromTheToken() async throws {
        let issuer = try TestIssuer(issuer: "https://api.passwordless.id", audience: "https://app.example", algorithm: .es256)
        let app = Application(router: buildRouter(issuer: issuer.issuer, clientID: issuer.audience, keys: issuer.keys))
        try await app.test(.router) { client in
            let token = try issuer.token(subject: "user-7", claims: ["nickname": "Robert'); --"])
            try await client.execute(uri: "/api/me", method: .get, headers: .bearer(token)) { response in
                let profile = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(profile == ["sub": "user-7", "nickname": "Robert'); --"])
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/me", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="api""#)
            }
        }
    }
}
