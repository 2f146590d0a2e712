import Foundation
import IDTokenKit
import Testing

/// The whole path a reader takes, in headless Chromium: the built demo, the local OpenID provider and connect
/// stand-in from `build-site serve --local-idp`, real signatures, and the real jwt-inspect binary.
@Suite("Demo sign-in in a real browser", .timeLimit(.minutes(3)))
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
                      pictureVisible: element('picture').checkVisibility(),
                      pictureSource: element('picture').getAttribute('src'),
                      userJSON: element('user-json').textContent,
                      url: location.href,
                    }
                    """) as? [String: Any] ?? [:]
            return DemoState(
                signInVisible: value["signInVisible"] as? Bool ?? false,
                profileVisible: value["profileVisible"] as? Bool ?? false,
                signOutVisible: value["signOutVisible"] as? Bool ?? false, userVisible: value["userVisible"] as? Bool ?? false,
                nickname: value["nickname"] as? String ?? "", nicknameElements: value["nicknameElements"] as? Int ?? -1,
                pictureVisible: value["pictureVisible"] as? Bool ?? false, pictureSource: value["pictureSource"] as? String,
                userJSON: value["userJSON"] as? String ?? "", url: value["url"] as? String ?? "")
        }
    }

    static let signedIn = "document.getElementById('profile').checkVisibility()"
    static let signedOut =
        "document.getElementById('sign-in').checkVisibility() && !document.getElementById('profile').checkVisibility()"

    @Test("sign in, verify the token with jwt-inspect, sign out")
    func signInVerifySignOut() async throws {
        // The picture comes over https, as Passwordless.ID's do, from a test server the browser reaches as
        // avatars.test.
        let avatars = try KeyServer(tls: true)
        try avatars.set("files/sam.svg", Self.avatar)
        let picture = "https://avatars.test/files/sam.svg"
        let demo = try LocalDemo(profile: JSONValue.object([("picture", .string(picture))]).serialized)
        let browser = try await Browser(hostMap: ["avatars.test": avatars.port])

        // 1. A fresh visit offers Sign In and hides the profile.
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button")
        let fresh = try await DemoState.read(from: browser)
        #expect(fresh.signInVisible && !fresh.profileVisible && !fresh.signOutVisible && !fresh.userVisible)
        try await browser.screenshot(to: TestOutput.browser.appendingPathComponent("1-fresh-visit.png"))

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
        try await browser.screenshot(to: TestOutput.browser.appendingPathComponent("2-signed-in.png"))

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

        // The page's Content-Security-Policy allowed everything the normal flow does.
        let violations = try await browser.consoleEntries().filter { $0.source == "security" }
        #expect(violations.isEmpty, "\(violations.map(\.message))")

        // 4. Sign Out goes to the provider and back, signed out there too.
        try await browser.click("#sign-out")
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button after signing out")
        try await browser.open(demo.demoURL)
        try await browser.waitUntil(Self.signedOut, what: "the Sign In button on a visit after signing out")
        #expect(try await browser.currentURL == demo.demoURL)
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
