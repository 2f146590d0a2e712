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
        // The audience is required: a verifier without one would accept tokens minted for any other app. The issuer is
        // said once: its discovery document gives the keys and must name the same issuer.
        let verifier = IDTokenVerifier(discovering: "https://api.passwordless.id", audience: "https://app.example")

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
        let lines = try Self.readmeBlock(1)
        let source = try String(contentsOf: adoption, encoding: .utf8)
        for line in lines where line.hasPrefix("import ") {
            // Without a trailing comment.
            let statement = line.components(separatedBy: "  //")[0]
            #expect(source.contains(statement + "\n"), "\(line)")
        }
        let body = Array(lines.drop { $0.hasPrefix("import ") || $0.isEmpty })
        #expect(try Self.marked(in: adoption, indent: 4) == body, "the README and the adoption test differ")
    }

    /// The `Package.swift` lines the README and the articles show name products this package has.
    @Test func thePackageLinesTheDocsShowNameRealProducts() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let docs = ["README.md", "Sources/IDTokenHummingbird/IDTokenHummingbird.docc/GettingStartedWithHummingbird.md"]
        var named = 0
        for doc in docs {
            let text = try String(contentsOf: Self.root.appendingPathComponent(doc), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains(#"package: "passwordless-site""#) {
                guard let start = line.range(of: #".product(name: ""#), let end = line[start.upperBound...].firstIndex(of: "\"")
                else { continue }
                let product = line[start.upperBound..<end]
                #expect(manifest.contains(#".library(name: "\#(product)""#), "\(doc): \(product) is no product")
                named += 1
            }
        }
        #expect(named >= 5)
    }
}
