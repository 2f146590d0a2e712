import Foundation
import IDTokenKit
import TestSupport
import Testing

/// The local OpenID provider of `build-site serve --local-idp`, spoken to over raw HTTP, and what stays out of the
/// published site.
@Suite("Local OpenID provider", .timeLimit(.minutes(2)), .requires(.pagefind))
struct LocalProviderTests {
    static func authorizePath(
        client: String, redirect: String, responseType: String = "id_token", scope: String = "openid avatar email",
        extra: String = ""
    ) -> String {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        return "/openid/authorize?response_type=\(responseType)&client_id=\(encode(client))&redirect_uri=\(encode(redirect))"
            + "&scope=\(scope.replacingOccurrences(of: " ", with: "+"))&state=s1\(extra)"
    }

    /// The fragment parameters of a redirect's Location.
    static func fragment(_ location: String?) -> [String: String] {
        guard let location, let hash = location.firstIndex(of: "#") else { return [:] }
        var values: [String: String] = [:]
        for pair in location[location.index(after: hash)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            values[parts[0]] = parts.count > 1 ? parts[1].removingPercentEncoding : ""
        }
        return values
    }

    @Test("discovery, keys and tokens verify with jwt-inspect, ES256 too")
    func tokensVerify() throws {
        for algorithm in ["RS256", "ES256"] {
            let demo = try LocalDemo(arguments: ["--idp-algorithm", algorithm])
            let discovery = try demo.providerGet("/.well-known/openid-configuration")
            let document = try StrictJSON.parse(Array(discovery.body.utf8))
            #expect(document["issuer"]?.string == demo.issuer)
            #expect(document["jwks_uri"]?.string == demo.issuer + "/openid/jwks")

            let answer = try demo.providerGet(
                Self.authorizePath(client: demo.origin, redirect: demo.demoURL, extra: "&nonce=n-42"))
            #expect(answer.status == 302)
            #expect(answer.headers["location"]?.hasPrefix(demo.demoURL + "#") == true)
            #expect(answer.headers["set-cookie"]?.contains("HttpOnly") == true)
            let fragment = Self.fragment(answer.headers["location"])
            #expect(fragment["state"] == "s1")
            let token = try #require(fragment["id_token"])
            let cache = try TemporaryFolder()
            var environment = ProcessInfo.processInfo.environment
            environment["XDG_CACHE_HOME"] = cache.url.path
            let result = try run(
                Executable.url("jwt-inspect"),
                ["--json", "--issuer", demo.issuer, "--audience", demo.origin, "--nonce", "n-42", token],
                environment: environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let report = try StrictJSON.parse(Array(result.stdout.utf8))
            #expect(report["header"]?["alg"]?.string == algorithm)
            #expect(report["payload"]?["nickname"]?.string == "Sam")
            #expect(report["payload"]?["email"]?.string == "sam@example.com")
        }
    }

    @Test("claims follow the scope")
    func claimsFollowScope() throws {
        let demo = try LocalDemo()
        let answer = try demo.providerGet(Self.authorizePath(client: demo.origin, redirect: demo.demoURL, scope: "openid"))
        let token = try #require(Self.fragment(answer.headers["location"])["id_token"])
        let payload = try StrictJSON.parse(try Base64URL.decode(token.split(separator: ".")[1]))
        #expect(payload["sub"] != nil && payload["aud"]?.string == demo.origin)
        #expect(payload["nickname"] == nil && payload["email"] == nil)
    }

    @Test("tokens go only to the client's own origin")
    func redirectsOnlyToTheClient() throws {
        let demo = try LocalDemo()
        let foreign = try demo.providerGet(Self.authorizePath(client: demo.origin, redirect: "https://evil.test/"))
        #expect(foreign.status == 400)
        #expect(foreign.headers["location"] == nil)
        let script = try demo.providerGet(Self.authorizePath(client: demo.origin, redirect: "javascript:alert(1)"))
        #expect(script.status == 400)
        let remote = try demo.providerGet(Self.authorizePath(client: "https://evil.test", redirect: "https://evil.test/"))
        #expect(remote.status == 403, "a site elsewhere must not get tokens from a provider that signs in without asking")
        #expect(remote.headers["location"] == nil)

        // What Foundation reads as user info at 127.0.0.1 and a browser as a path on evil.example, and their kin.
        let port = demo.origin.split(separator: ":").last.map(String.init) ?? ""
        for bypass in [
            "http://evil.example\\@127.0.0.1:\(port)/demo/", "http://evil.example;@127.0.0.1:\(port)/demo/",
            "http://evil.example%5C@127.0.0.1:\(port)/demo/", "http://127.0.0.1:\(port)\\@evil.example/",
            "http:\\\\127.0.0.1:\(port)/demo/", "http://127.0.0.1:\(port)\t/demo/",
        ] {
            let answer = try demo.providerGet(Self.authorizePath(client: demo.origin, redirect: bypass))
            #expect(answer.status == 400 && answer.headers["location"] == nil, "\(bypass): \(answer.status)")
        }

        let code = try demo.providerGet(Self.authorizePath(client: demo.origin, redirect: demo.demoURL, responseType: "code"))
        #expect(code.status == 302)
        #expect(Self.fragment(code.headers["location"])["error"] == "unsupported_response_type")
        #expect(Self.fragment(code.headers["location"])["id_token"] == nil)
        let scope = try demo.providerGet(Self.authorizePath(client: demo.origin, redirect: demo.demoURL, scope: "avatar"))
        #expect(Self.fragment(scope.headers["location"])["error"] == "invalid_scope")
    }

    /// What a browser sends with connect 1.2.1's `fetch(…, {mode: 'cors', credentials: 'include'})` from the demo.
    static func sessionCheck(_ demo: LocalDemo, scope: String, cookie: String?, origin: String? = nil, extra: String = "")
        throws -> (status: Int, headers: [String: String], body: String)
    {
        var headers = ["Origin": origin ?? demo.origin, "Sec-Fetch-Mode": "cors", "Referer": demo.demoURL]
        if let cookie { headers["Cookie"] = cookie }
        return try demo.providerGet(
            "/openid/id_token?scope=\(scope.replacingOccurrences(of: " ", with: "+"))\(extra)", headers: headers)
    }

    static func expectCORS(_ answer: (status: Int, headers: [String: String], body: String), for origin: String) {
        #expect(answer.headers["access-control-allow-origin"] == origin, "\(answer.status) \(answer.headers)")
        #expect(answer.headers["access-control-allow-credentials"] == "true")
    }

    func verifies(_ token: String, _ demo: LocalDemo, nonce: String? = nil) throws -> Bool {
        let cache = try TemporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache.url.path
        let result = try run(
            Executable.url("jwt-inspect"),
            ["--issuer", demo.issuer, "--audience", demo.origin] + (nonce.map { ["--nonce", $0] } ?? []) + [token],
            environment: environment)
        return result.status == 0
    }

    @Test("the session check, authorize and logout answer connect 1.2.1's requests as it makes them")
    func connectProtocol() throws {
        let demo = try LocalDemo()
        let scope = "openid avatar email"
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

        // Before any sign-in: 401, readable by the page.
        let before = try Self.sessionCheck(demo, scope: scope, cookie: nil)
        #expect(before.status == 401)
        Self.expectCORS(before, for: demo.origin)

        // auth() without state and nonce: scope, response_type, client_id, redirect_uri (the page's href).
        let page = demo.demoURL + "?lang=en"
        let plain = try demo.providerGet(
            "/openid/authorize?scope=openid+avatar&response_type=id_token&client_id=\(encode(demo.origin))"
                + "&redirect_uri=\(encode(page))")
        #expect(plain.status == 302)
        #expect(plain.headers["location"]?.hasPrefix(page + "#id_token=") == true, "\(plain.headers)")
        #expect(Self.fragment(plain.headers["location"])["state"] == nil)
        #expect(try verifies(try #require(Self.fragment(plain.headers["location"])["id_token"]), demo))
        let cookie = try #require(plain.headers["set-cookie"]?.split(separator: ";").first.map(String.init))

        // Signed in with openid avatar only: asking for email too is a scope not granted, 403, readable.
        let notGranted = try Self.sessionCheck(demo, scope: scope, cookie: cookie)
        #expect(notGranted.status == 403)
        Self.expectCORS(notGranted, for: demo.origin)
        let granted = try Self.sessionCheck(demo, scope: "openid avatar", cookie: cookie, extra: "&nonce=n-7")
        #expect(granted.status == 200)
        Self.expectCORS(granted, for: demo.origin)
        let token = try #require(try StrictJSON.parse(Array(granted.body.utf8))["id_token"]?.string)
        #expect(try verifies(token, demo, nonce: "n-7"))

        // auth() with everything: state comes back, nonce goes into the token, prompt is accepted.
        let full = try demo.providerGet(
            "/openid/authorize?scope=\(encode(scope))&response_type=id_token&client_id=\(encode(demo.origin))"
                + "&redirect_uri=\(encode(demo.demoURL))&nonce=n-8&state=s-8&prompt=login",
            headers: ["Cookie": cookie])
        let fragment = Self.fragment(full.headers["location"])
        #expect(fragment["state"] == "s-8")
        #expect(try verifies(try #require(fragment["id_token"]), demo, nonce: "n-8"))
        #expect(try Self.sessionCheck(demo, scope: scope, cookie: cookie).status == 200)

        // No other client gets this client's token: a site elsewhere gets nothing it can read; another page on this
        // machine was granted nothing (403); a client_id that is not the page's own origin is refused.
        let others = [
            ("https://evil.test", ""), ("http://127.0.0.1:1", ""), (demo.origin, "&client_id=http%3A%2F%2F127.0.0.1%3A1"),
        ]
        for (origin, extra) in others {
            let answer = try Self.sessionCheck(demo, scope: scope, cookie: cookie, origin: origin, extra: extra)
            #expect(answer.status == 403, "\(origin)\(extra)")
            #expect(!answer.body.contains("eyJ"))
        }
        let elsewhere = try Self.sessionCheck(demo, scope: scope, cookie: cookie, origin: "https://evil.test")
        #expect(elsewhere.headers["access-control-allow-origin"] == nil)

        // logout() sends redirect_uri and state=undefined; the provider ends the session and goes back.
        let logout = try demo.providerGet(
            "/openid/logout?redirect_uri=\(encode(demo.demoURL))&state=undefined", headers: ["Cookie": cookie])
        #expect(logout.status == 302 && logout.headers["location"] == demo.demoURL)
        #expect(logout.headers["set-cookie"]?.contains("Max-Age=0") == true)
        let after = try Self.sessionCheck(demo, scope: scope, cookie: cookie)
        #expect(after.status == 401)
        Self.expectCORS(after, for: demo.origin)
    }

    @Test(
        "logout sends the browser back only to pages on this machine",
        arguments: [
            "https://evil.example/phish", "http://evil.example:8000/", "//evil.example/", "javascript:alert(1)",
            "http://127.0.0.1.evil.example/", "http://evil.example\\@127.0.0.1:8000/", "http://evil.example;@127.0.0.1/",
            "http:/\\evil.example/", "http://0x7f.0.0.1.evil.example/",
        ])
    func logoutIsNoOpenRedirect(target: String) throws {
        let demo = try LocalDemo()
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        for name in ["redirect_uri", "post_logout_redirect_uri"] {
            let answer = try demo.providerGet("/openid/logout?\(name)=\(encoded)")
            #expect(answer.status != 302 && answer.headers["location"] == nil, "\(name)=\(target): \(answer.headers)")
        }
    }

    /// A page on another site that renames itself to this machine (DNS rebinding) must get no token, and no
    /// answer from the site or the example API either.
    @Test("every server of serve answers only its own loopback host")
    func hostsAreChecked() throws {
        let demo = try LocalDemo()
        let line = try #require(demo.serve.waitForLog("Example API at http://127.0.0.1:"))
        let apiPort = try #require(Int(line.components(separatedBy: "127.0.0.1:").last?.prefix { $0.isNumber } ?? ""))
        for port in [demo.providerPort, demo.serve.port, apiPort] {
            let rebound = try LoopbackHTTP.request(
                port: port, path: "/openid/id_token?scope=openid", headers: ["Origin": "http://rebind.attacker:\(port)"],
                host: "rebind.attacker:\(port)")
            #expect(rebound.status == 403, "port \(port)")
            #expect(!rebound.text.contains("id_token"))
            let own = try LoopbackHTTP.request(port: port, path: "/openid/id_token?scope=openid", host: "localhost:\(port)")
            #expect(own.status != 403 || port == demo.providerPort, "port \(port): \(own.status)")
        }
    }

    @Test(
        "the tutorial's PyJWT check accepts the provider's token and refuses it altered or for another audience",
        .requires(.pyJWT))
    func pyJWTSnippet() throws {
        let demo = try LocalDemo()
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let answer = try demo.providerGet(
            "/openid/authorize?scope=openid+avatar&response_type=id_token&client_id=\(encode(demo.origin))"
                + "&redirect_uri=\(encode(demo.demoURL))")
        let token = try #require(Self.fragment(answer.headers["location"])["id_token"])
        let python = try #require(which("python3"))
        let script = Executable.packageRoot.appendingPathComponent("content/_api/verify_token.py").path
        let accepted = try run(python, [script, token, demo.origin, demo.issuer])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout == "7f3c1a52-local-user Sam\n")
        let altered = try DemoSignInTests.changingOnePayloadCharacter(of: token, from: "Sam", to: "Pam")
        let refused = try run(python, [script, altered, demo.origin, demo.issuer])
        #expect(refused.status != 0 && refused.stderr.contains("InvalidSignatureError"), "\(refused.stderr)")
        let otherAudience = try run(python, [script, token, "https://other.test", demo.issuer])
        #expect(otherAudience.status != 0 && otherAudience.stderr.contains("InvalidAudienceError"), "\(otherAudience.stderr)")
    }

    @Test("the connect stand-in is a module that parses, served cross-origin like the CDN's", .requires(.node))
    func standInModule() throws {
        let demo = try LocalDemo()
        let module = try demo.providerGet("/connect.js")
        #expect(module.status == 200)
        #expect(module.headers["content-type"]?.hasPrefix("text/javascript") == true)
        #expect(module.headers["access-control-allow-origin"] == "*")
        #expect(module.body.contains("const api = '\(demo.issuer)'"))
        let folder = try TemporaryFolder()
        try folder.write("connect.mjs", module.body)
        let node = try #require(which("node"), "node is needed (make test installs nodejs)")
        let check = try run(node, ["--check", folder.url.appendingPathComponent("connect.mjs").path])
        #expect(check.status == 0, "\(check.stderr)")
        // connect 1.2.1 exports id, auth, request, logout and isExpired, and a default object of the first four.
        let exports = try run(
            node,
            [
                "--input-type=module", "-e",
                "const m = await import(process.argv[1]); console.log(Object.keys(m).sort().join(), Object.keys(m.default).sort().join())",
                folder.url.appendingPathComponent("connect.mjs").absoluteString,
            ])
        #expect(exports.stdout == "auth,default,id,isExpired,logout,request auth,id,logout,request\n", "\(exports.stderr)")

        let demoPage = try #require(demo.folder.read("site/demo/index.html"))
        #expect(demoPage.contains("script-src 'self' \(demo.issuer)/connect.js;"))
        #expect(demoPage.contains("connect-src \(demo.issuer) http://127.0.0.1:"), "the example API's origin too")
    }

    @Test("the local build goes to site-local-idp/, never to site/")
    func localBuildStaysOutOfSite() throws {
        let site = try FixtureSite()
        let server = try ServeProcess(site: site, arguments: ["--local-idp"])
        #expect(server.waitForLog("Local OpenID provider at ") != nil)
        #expect(site.folder.exists("site-local-idp/index.html"))
        #expect(!site.folder.exists("site"))
    }

    @Test("bad provider options are refused before anything starts")
    func badOptions() throws {
        let folder = try TemporaryFolder()
        try folder.write("profile.json", #"{"nickname": "Sam", "nick": "typo"}"#)
        let root = Executable.packageRoot.path
        let common = ["serve", "--content", "\(root)/content", "--templates", "\(root)/templates", "--port", "0"]
        let typo = try run(
            Executable.url("build-site"),
            common + ["--local-idp", "--idp-profile", folder.url.appendingPathComponent("profile.json").path], in: folder.url)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("profile.json: error: unknown claim `nick`"), "\(typo.stderr)")

        let withoutProvider = try run(Executable.url("build-site"), common + ["--idp-algorithm", "ES256"], in: folder.url)
        #expect(withoutProvider.status == 64)
        #expect(withoutProvider.stderr.contains("need --local-idp"), "\(withoutProvider.stderr)")

        let hmac = try run(Executable.url("build-site"), common + ["--local-idp", "--idp-algorithm", "HS256"], in: folder.url)
        #expect(hmac.status == 64)
        #expect(hmac.stderr.contains("RS256 or ES256"), "\(hmac.stderr)")
    }

    @Test("the published build holds no trace of the local provider or the stand-in")
    func productionBuildIsClean() throws {
        let folder = try TemporaryFolder()
        let root = Executable.packageRoot.path
        let build = try run(
            Executable.url("build-site"),
            [
                "--content", "\(root)/content", "--templates", "\(root)/templates", "--output",
                folder.url.appendingPathComponent("site").path, "--base-url", "https://owner.github.io/repo/",
            ])
        #expect(build.status == 0, "\(build.stderr)")
        for (path, data) in try folder.snapshot("site") {
            let text = String(decoding: data, as: UTF8.self)
            // The tutorial may name `serve --local-idp` in its prose; nothing may point at the provider or stand-in.
            for trace in ["127.0.0.1", "localhost", "local-idp-session", "/connect.js", "Stand-in", "stand-in"] {
                #expect(!text.contains(trace), "\(path) mentions \(trace)")
            }
        }
        let demo = try #require(folder.read("site/demo/index.html"))
        #expect(demo.contains("script-src 'self' \(TutorialTests.pinnedURL);"))
        #expect(demo.contains("connect-src https://api.passwordless.id;"))
    }
}
