import Foundation
import TestSupport
import Testing

/// What an adopter's code may and may not say, checked by compiling it against the built modules as another
/// package would (without this package's `package` access).
@Suite struct AdopterCompileTests {
    /// swiftc's exit status and messages for `source` type-checked against the built IDTokenKit.
    static func typecheck(_ source: String) throws -> ProcessResult {
        let folder = try TemporaryFolder()
        try folder.write("adopter.swift", "import IDTokenKit\n" + source + "\n")
        let swiftc = try #require(which("swiftc"))
        return try run(
            swiftc,
            [
                "-typecheck", "-swift-version", "6", "-I", Executable.directory.appendingPathComponent("Modules").path,
                "-I", Executable.packageRoot.appendingPathComponent("Sources/COpenSSL").path,
                folder.url.appendingPathComponent("adopter.swift").path,
            ])
    }

    @Test func aVerifierWithAnAudienceCompiles() throws {
        let result = try Self.typecheck(
            """
            let keys = try StaticKeys(jwksJSON: #"{"keys":[]}"#)
            let verifier = IDTokenVerifier(issuer: "https://api.passwordless.id", audience: "https://app.example", keys: keys)
            let strict = IDTokenVerifier(
                requirements: ClaimRequirements(issuer: "https://api.passwordless.id", audience: "https://app.example", leeway: 0),
                keys: keys)
            let claims: JSONValue = ["sub": "user-1", "exp": 1_800_000_000, "email_verified": true, "roles": ["a"], "x": nil]
            _ = (verifier, strict, claims)
            """)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: [
        (
            #"_ = ClaimRequirements(issuer: "https://api.passwordless.id")"#,
            "missing argument for parameter 'audience'"
        ),
        (
            #"_ = IDTokenVerifier(issuer: "https://api.passwordless.id", keys: StaticKeys(JWKSet(json: [], source: "")))"#,
            "missing argument for parameter 'audience'"
        ),
        (#"_ = ClaimRequirements(issuer: "https://api.passwordless.id", audienceIfChecked: nil)"#, "error:"),
        (#"_ = "a".hasSameBytes(as: "a")"#, "'hasSameBytes' is inaccessible due to 'package' protection level"),
        (#"_ = Int64.max.saturatingAdding(1)"#, "'saturatingAdding' is inaccessible due to 'package' protection level"),
        (#"_ = "a".escapedForDisplay()"#, "'escapedForDisplay' is inaccessible due to 'package' protection level"),
    ])
    func aVerifierWithoutAnAudienceAndThePackagesHelpersDoNotCompile(source: String, message: String) throws {
        let result = try Self.typecheck(source)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
