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
        // The audience is required: a verifier without one would accept tokens minted for any other app.
        let verifier = IDTokenVerifier(
            issuer: "https://api.passwordless.id", audience: "https://app.example",
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
            .get("me") { _, context in try context.requireIDToken().subject }
        // README:end
        _ = (subject, router.buildResponder())
    }
}

@Suite struct ReadmeExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The lines of the `index`th ```swift block after the README's server heading.
    static func readmeBlock(_ index: Int) throws -> [Substring] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var cursor = try #require(readme.range(of: "### In a Swift server")).upperBound
        var block: [Substring] = []
        for _ in 0...index {
            let fence = try #require(readme.range(of: "```swift\n", range: cursor..<readme.endIndex))
            let close = try #require(readme.range(of: "```", range: fence.upperBound..<readme.endIndex))
            block = readme[fence.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            cursor = close.upperBound
        }
        return Array(block.dropLast())
    }

    /// The lines between `// README:begin` and `// README:end` in `file`, less `indent` spaces.
    static func marked(in file: URL, indent: Int) throws -> [Substring] {
        let source = try String(contentsOf: file, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README:begin" })
        let end = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README:end" })
        return lines[(begin + 1)..<end].map { $0.isEmpty ? $0 : $0.dropFirst(indent) }
    }

    @Test func theReadmesServerExampleIsThisCompiledCode() throws {
        ReadmeServerExample.example()
        let lines = try Self.readmeBlock(0)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for line in lines where line.hasPrefix("import ") { #expect(source.contains(line + "\n"), "\(line)") }
        let body = Array(lines.drop { $0.hasPrefix("import ") || $0.isEmpty })
        #expect(try Self.marked(in: URL(fileURLWithPath: #filePath), indent: 8) == body, "the README and this file differ")
    }

    @Test func theReadmesRouteTestIsTheAdoptionPackagesTest() throws {
        let adoption = Self.root.appendingPathComponent("Tests/Adoption/Tests/AppTests/RouteTests.swift")
        #expect(try Self.marked(in: adoption, indent: 4) == Self.readmeBlock(1), "the README and the adoption test differ")
    }
}
