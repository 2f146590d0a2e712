import Foundation
import IDTokenKit
import TestSupport
import Testing

/// The whole path a reader takes, in headless Chromium: the built demo, the local OpenID provider and connect
/// stand-in from `build-site serve --local-idp`, real signatures, and the real jwt-inspect binary.
@Suite("Demo sign-in in a real browser", .timeLimit(.minutes(3)), .requires(.chromium), .requires(.pagefind))
struct DemoSignInTests {
    /// What the demo shows, read from the page.
    struct DemoState {
        var signInVisible: Bool
        var profileVisible: Bool
        var signOutVisible: Bool
        var userVisible: Bool
        var nickname: String
        var nicknameElements: Int
        var pictureVisible: Bool
        var pictureSource: String?
        var userJSON: String
        var url: String
        /// The status line's text while it is shown, else empty.
        var status: String

        static func read(from browser: Browser) async throws -> DemoState {
            let value =
                try await browser.evaluate(
                    """
                    const element = (id) => document.getElementById(id)
                    return {
                      signInVisible: element('sign-in').checkVisibility(),
                      profileVisible: element('profile').checkVisibility(),
                      signOutVisible: element('sign-out').checkVisibility(),
                      userVisible: element('user').checkVisibility(),
                      nickname: element('nickname').textContent,
                      nicknameElements: element('nickname').children.length,
                      pictureVisible: element('picture')?.checkVisibility() ?? false,
                      pictureSource: element('picture')?.getAttribute('src') ?? null,
                      userJSON: element('user-json').textContent,
                      url: location.href,
                      status: element('status').checkVisibility() ? element('status').textContent : '',
                    }
                    """) as? [String: Any] ?? [:]
            return DemoState(
                signInVisible: value["signInVisible"] as? Bool ?? false,
                profileVisible: value["profileVisible"] as? Bool ?? false,
                signOutVisible: value["signOutVisible"] as? Bool ?? false, userVisible: value["userVisible"] as? Bool ?? false,
                nickname: value["nickname"] as? String ?? "", nicknameElements: value["nicknameElements"] as? Int ?? -1,
                pictureVisible: value["pictureVisible"] as? Bool ?? false, pictureSource: value["pictureSource"] as? String,
                userJSON: value["userJSON"] as? String ?? "", url: value["url"] as? String ?? "",
                status: value["status"] as? String ?? "")
        }
    }

    static let signedIn = "document.getElementById('profile').checkVisibility()"
    static let signedOut =
        "document.getElementById('sign-in').checkVisibility() && !document.getElementById('profile').checkVisibility()"

    @Test("sign in, verify the token with jwt-inspect, sign out")
    func signInVerifySignOut() async throws {
        _ = try await Self.signInVerifySignOut(connectModule: nil)
    }

    /// A copy of the real `@passwordless-id/connect` 1.2.1 (`src/index.js` of its 1.2.1 tag, which its release
    /// bundles into the CDN file), when `CONNECT_1_2_1` names one. Not in the repository: it is not our code.
    static let realConnect = ProcessInfo.processInfo.environment["CONNECT_1_2_1"]

    @Test(
        "the real connect 1.2.1 signs in, keeps the session across a reload and signs out, making the stand-in's requests",
        .enabled(if: realConnect != nil, "set CONNECT_1_2_1 to a copy of the library's src/index.js at 1.2.1"))
    func realLibraryBehavesAsTheStandIn() async throws {
        let real = try await Self.signInVerifySignOut(connectModule: Self.realConnect)
        let standIn = try await Self.signInVerifySignOut(connectModule: nil)
        #expect(real == standIn)
        #expect(real.contains { $0.hasPrefix("GET /openid/id_token?scope=openid+avatar+email → 200") }, "\(real)")
    }

    /// The provider's log of the requests a flow made, with random values and ports blanked out.
    static func requests(in log: String) -> [String] {
        log.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "local-idp: GET /openid/") else { return nil }
            return String(line[line.index(start.lowerBound, offsetBy: "local-idp: ".count)...])
                .replacing(#/(nonce|state)=[0-9a-f]{32}/#) { "\($0.output.1)=…" }
                .replacing(#/127\.0\.0\.1%3A[0-9]+/#, with: "127.0.0.1%3APORT")
        }
    }

    /// The whole path a user takes, with the stand-in or the real library; returns the provider's request log.
    static func signInVerifySignOut(connectModule: String?) async throws -> [String] {
        // The picture comes over https, as Passwordless.ID's do, from a test server the browser reaches as
        // avatars.test.
        let avatars = try KeyServer(tls: true)
        try avatars.set("files/sam.svg", Self.avatar)
        let picture = "https://avatars.test/files/sam.svg"
        let demo = try LocalDemo(
            profile: JSONValue.object([("picture", .string(picture))]).serialized,
            arguments: connectModule.map { ["--idp-connect-module", $0] } ?? [])
        let browser = try await Browser(hostMap: ["avatars.test": avatars.port])
        let shots = connectModule == nil ? TestOutput.browser : TestOutput.browser.appendingPathComponent("real-connect")

        // 1. A fresh visit offers Sign In and hides the profile.
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button")
        let fresh = try await DemoState.read(from: browser)
        #expect(fresh.signInVisible && !fresh.profileVisible && !fresh.signOutVisible && !fresh.userVisible)
        try await browser.screenshot(to: shots.appendingPathComponent("1-fresh-visit.png"))

        // 2. Sign In goes to the provider and comes back signed in, with the token out of the address bar.
        try await browser.click("#sign-in")
        try await browser.waitUntil(Self.signedIn, what: "the profile after signing in")
        let signedIn = try await DemoState.read(from: browser)
        #expect(signedIn.nickname == "Sam")
        #expect(signedIn.pictureVisible && signedIn.pictureSource == picture)
        try await browser.waitUntil(
            "document.getElementById('picture').complete && document.getElementById('picture').naturalWidth > 0",
            what: "the picture to load")
        #expect(signedIn.signOutVisible && !signedIn.signInVisible && signedIn.userVisible)
        #expect(signedIn.url == demo.demoURL, "the URL still holds the token: \(signedIn.url)")
        let user = try JSONSerialization.jsonObject(with: Data(signedIn.userJSON.utf8)) as? [String: Any] ?? [:]
        #expect(user["signedIn"] as? Bool == true && user["scopeGranted"] as? Bool == true)
        #expect((user["profile"] as? [String: Any])?["nickname"] as? String == "Sam")
        try await browser.click("#user summary")
        try await browser.screenshot(to: shots.appendingPathComponent("2-signed-in.png"))

        // 3. The token the page shows verifies against the provider's keys, and fails once altered.
        let token = try #require(user["id_token"] as? String)
        let cache = try TemporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache.url.path
        let inspect = { (token: String) throws -> ProcessResult in
            try run(
                Executable.url("jwt-inspect"), ["--issuer", demo.issuer, "--audience", demo.origin, token],
                environment: environment)
        }
        let verified = try inspect(token)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("valid: RS256"))
        let verdict = try inspect(try Self.changingOnePayloadCharacter(of: token, from: "Sam", to: "Pam"))
        #expect(verdict.status == 1, "\(verdict.stdout)\(verdict.stderr)")

        // The session outlives a reload: id() asks the provider, which still knows the user.
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedIn, what: "the profile after a reload")
        #expect(try await DemoState.read(from: browser).status == "")

        // The page's Content-Security-Policy allowed everything the normal flow does.
        let violations = try await browser.consoleEntries().filter { $0.source == "security" }
        #expect(violations.isEmpty, "\(violations.map(\.message))")

        // 4. Sign Out goes to the provider and back, signed out there too.
        try await browser.click("#sign-out")
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button after signing out")
        #expect(try await browser.currentURL == demo.demoURL)
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button on a visit after signing out")
        #expect(try await browser.currentURL == demo.demoURL)
        #expect(try await DemoState.read(from: browser).status == "")
        await browser.quit()
        return requests(in: demo.serve.log)
    }

    @Test("Call the API: the example API answers the verified nickname, and a token altered in the page gets 401 and why")
    func callTheAPI() async throws {
        let demo = try LocalDemo()
        #expect(demo.serve.log.contains("Example API at http://127.0.0.1:"))
        let browser = try await Browser()
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button")
        try await browser.click("#sign-in")
        try await browser.waitUntil(Self.signedIn, what: "the profile after signing in")
        try await browser.waitUntil("document.getElementById('call-api').checkVisibility()", what: "the Call the API button")
        try await browser.click("#call-api")
        try await browser.waitUntil(
            "document.getElementById('api-answer').textContent.length > 0", timeout: 30, what: "the API's answer")
        let answer = try await browser.evaluate("return document.getElementById('api-answer').textContent") as? String ?? ""
        let me = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any] ?? [:]
        #expect(me["nickname"] as? String == "Sam", "\(answer)")
        #expect(me["sub"] as? String == "7f3c1a52-local-user")
        #expect((me["expiresAt"] as? String)?.hasSuffix("Z") == true)
        try await browser.screenshot(to: TestOutput.browser.appendingPathComponent("7-call-the-api.png"))

        // The page's fetch sends the token with one payload character changed (Sam to Pam), as a tampered page would.
        _ = try await browser.evaluate(
            """
            const send = window.fetch
            window.fetch = (url, init) => {
              const [header, payload, signature] = init.headers.Authorization.slice(7).split('.')
              const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/')).replace('"Sam"', '"Pam"')
              const altered = btoa(json).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
              return send(url, { ...init, headers: { Authorization: `Bearer ${header}.${altered}.${signature}` } })
            }
            document.getElementById('api-answer').textContent = ''
            """)
        try await browser.click("#call-api")
        try await browser.waitUntil("document.getElementById('api-answer').textContent.length > 0", what: "the refusal")
        let refusal = try await browser.evaluate("return document.getElementById('api-answer').textContent") as? String ?? ""
        #expect(refusal.hasPrefix("401: Bearer realm=\"api\", error=\"invalid_token\""), "\(refusal)")
        #expect(refusal.contains("the signature is invalid"), "\(refusal)")
        let violations = try await browser.consoleEntries().filter { $0.source == "security" }
        #expect(violations.isEmpty, "the CSP lets the page reach the API: \(violations.map(\.message))")
        await browser.quit()
    }

    @Test("with the provider down, the page says so and Sign In stays usable")
    func providerDown() async throws {
        let demo = try LocalDemo()
        let module = try demo.providerGet("/connect.js").body
        demo.serve.stop()
        // The same built page from a plain file server on the same origin, and the connect module still served
        // where it was, as a CDN keeps serving it when Passwordless.ID is down; the provider's API answers nothing.
        let site = try StaticFileServer(folder: demo.folder.url.appendingPathComponent("site"), port: demo.serve.port)
        let moduleFolder = try TemporaryFolder()
        try moduleFolder.write("connect.js", module)
        let provider = try StaticFileServer(folder: moduleFolder.url, port: demo.providerPort, cors: true, dropping: "/openid/")
        let browser = try await Browser()
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(
            "document.getElementById('status').checkVisibility()", what: "the status line saying what went wrong")
        let state = try await DemoState.read(from: browser)
        #expect(
            state.status.hasPrefix("Could not reach Passwordless.ID") && state.status.contains("Failed to fetch"),
            "\(state.status)")
        #expect(state.signInVisible && !state.profileVisible)
        #expect(try await browser.evaluate("return document.getElementById('sign-in').disabled") as? Bool == false)
        try await browser.screenshot(to: TestOutput.browser.appendingPathComponent("6-provider-unreachable.png"))
        await browser.quit()
        withExtendedLifetime((site, provider)) {}
    }

    @Test("a failed sign-in (#error=…) is shown, and a token planted in a link is ignored")
    func failedAndPlantedSignIns() async throws {
        let demo = try LocalDemo()
        let browser = try await Browser()
        try await browser.open(demo.demoURL + "#error=access_denied&error_description=The+user+declined")
        try await browser.waitUntil("document.getElementById('status').checkVisibility()", what: "the failure")
        var state = try await DemoState.read(from: browser)
        #expect(state.status == "Sign-in failed: The user declined")
        #expect(state.signInVisible && !state.profileVisible && state.url == demo.demoURL)

        // A real token of the provider's, but not from a sign-in this page started: no state of its own.
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let answer = try demo.providerGet(
            "/openid/authorize?scope=openid+avatar+email&response_type=id_token&client_id=\(encode(demo.origin))"
                + "&redirect_uri=\(encode(demo.demoURL))&state=theirs&nonce=theirs")
        let location = try #require(answer.headers["location"])
        // From another page, so that the demo loads anew rather than only changing its fragment.
        try await browser.open("about:blank")
        try await browser.open(location)
        try await browser.waitUntil("document.getElementById('status').checkVisibility()", what: "the warning")
        state = try await DemoState.read(from: browser)
        #expect(state.status == "A sign-in this page did not start was ignored.")
        #expect(state.signInVisible && !state.profileVisible && state.url == demo.demoURL)
        await browser.quit()
    }

    @Test("a hostile profile is shown as text and runs nothing")
    func hostileProfile() async throws {
        let nickname = #"<img src=x onerror="window.pwned = 1; fetch('/pwned')">"#
        let profile = JSONValue.object([
            ("nickname", .string(nickname)), ("picture", .string("javascript:window.pwned = 2")),
        ])
        let demo = try LocalDemo(profile: profile.serialized)
        let browser = try await Browser()
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button")
        try await browser.click("#sign-in")
        try await browser.waitUntil(Self.signedIn, what: "the profile after signing in")
        // Give an injected handler, had there been one, the time to run.
        try await Task.sleep(nanoseconds: 500_000_000)

        let state = try await DemoState.read(from: browser)
        #expect(state.nickname == nickname)
        #expect(state.nicknameElements == 0)
        #expect(!state.pictureVisible && state.pictureSource == nil)
        #expect(state.userJSON.contains("javascript:window.pwned = 2"))
        let pwned = try await browser.evaluate("return window.pwned === undefined ? null : window.pwned")
        #expect(pwned == nil)
        let requested =
            try await browser.evaluate(
                "return performance.getEntriesByType('resource').map((entry) => entry.name)") as? [String] ?? []
        #expect(!requested.contains { $0.hasSuffix("/x") || $0.contains("pwned") || $0.hasPrefix("javascript:") }, "\(requested)")
        let violations = try await browser.consoleEntries().filter { $0.source == "security" }
        #expect(violations.isEmpty, "\(violations.map(\.message))")
        try await browser.click("#user summary")
        try await browser.screenshot(to: TestOutput.browser.appendingPathComponent("5-hostile-profile.png"))
        await browser.quit()
    }

    static let avatar = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">
        <rect width="96" height="96" fill="#3b6fd8"/><circle cx="48" cy="38" r="18" fill="#fff"/>
        <path d="M16 90c4-20 18-30 32-30s28 10 32 30z" fill="#fff"/></svg>
        """

    /// The token with one character of its payload JSON changed, re-encoded, and the signature kept.
    static func changingOnePayloadCharacter(of token: String, from old: String, to new: String) throws -> String {
        let parts = token.split(separator: ".").map(String.init)
        let payload = String(decoding: try Base64URL.decode(parts[1]), as: UTF8.self)
        let range = try #require(payload.range(of: "\"\(old)\""))
        let changed = payload.replacingCharacters(in: range, with: "\"\(new)\"")
        return [parts[0], Base64URL.encode(Array(changed.utf8)), parts[2]].joined(separator: ".")
    }
}
