import Foundation
import Hummingbird
import IDTokenHummingbird
import IDTokenKit
import IssuerKeys
import Testing

/// The README's server example, compiled here: its code is this function's body, line for line.
enum ReadmeServerExample {
    static func example() {
        // README:begin
        let verifier = IDTokenVerifier(
            requirements: ClaimRequirements(issuer: "https://api.passwordless.id", audience: "https://app.example"),
            keys: RemoteKeys(.discovery(issuer: "https://api.passwordless.id")))

        // Anywhere: the verified token, or an error naming every failed check.
        func subject(of bearerToken: String) async throws(IDTokenVerificationError) -> String {
            try await verifier.verify(bearerToken).subject
        }

        // In Hummingbird: a route runs only with a verified token in its context; otherwise 401 with
        // WWW-Authenticate (RFC 6750), or 503 while the issuer's keys cannot be fetched.
        struct AppContext: IDTokenRequestContext {
            var coreContext: CoreRequestContextStorage
            var idToken: VerifiedIDToken?
            init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
        }
        let router = Router(context: AppContext.self)
        router.group("api").add(middleware: BearerTokenMiddleware(verifier: verifier))
            .get("me") { _, context in context.idToken?.subject ?? "" }
        // README:end
        _ = (subject, router.buildResponder())
    }
}

@Suite struct ReadmeExampleTests {
    @Test func theReadmesServerExampleIsThisCompiledCode() throws {
        ReadmeServerExample.example()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### In a Swift server"))
        let fence = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```", range: fence.upperBound..<readme.endIndex))
        let lines = readme[fence.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for line in lines where line.hasPrefix("import ") { #expect(source.contains(line + "\n"), "\(line)") }
        let body = lines.drop { $0.hasPrefix("import ") || $0.isEmpty }.map { $0.isEmpty ? "" : "        " + $0 }
        let begin = try #require(source.range(of: "        // README:begin\n"))
        let end = try #require(source.range(of: "        // README:end"))
        let compiled = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(compiled.dropLast()) == Array(body.dropLast()).map { Substring($0) }, "the README and this file differ")
    }
}
