import BenchedExampleAPI
import Foundation
import Hummingbird
import IDTokenHummingbird
import IDTokenKit
import IssuerKeys
import Logging

/// `api-bench-server cached|uncached|open PORT`: the example API on 127.0.0.1:PORT, its keys served by a second
/// server on PORT+1 and fetched as in production (RemoteKeys). Prints a token the API accepts, then serves.
/// `open` is the same `/api/me` answer without any authentication, the baseline.
@main struct APIBenchServer {
    static let issuer = "https://api.passwordless.id"
    static let pageOrigin = "https://app.test"

    /// `api-bench-server cached|uncached|open PORT DIR`: DIR holds `generate_tokens.py`'s key set and tokens.
    /// Only the API both this build and earlier ones offer is used, so that one source measures either.
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let port = Int(arguments[2]) else {
            FileHandle.standardError.write(Data("usage: api-bench-server cached|uncached|open PORT DIR\n".utf8))
            exit(64)
        }
        let folder = URL(fileURLWithPath: arguments[3])
        let tokens = try String(contentsOf: folder.appendingPathComponent("RS256.txt"), encoding: .utf8)
        let token = String(tokens.prefix { $0 != "\n" })
        let now = Int64(Date().timeIntervalSince1970)
        FileHandle.standardOutput.write(Data((token + "\n").utf8))
        let body = try String(contentsOf: folder.appendingPathComponent("jwks.json"), encoding: .utf8)

        let jwks = Router()
        jwks.get("jwks") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        guard let jwksURL = URL(string: "http://127.0.0.1:\(port + 1)/jwks") else { exit(64) }
        let keys = RemoteKeys(.jwks(jwksURL))
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let keyServer = Application(
            router: jwks, configuration: .init(address: .hostname("127.0.0.1", port: port + 1)), logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await keyServer.runService() }
            switch arguments[1] {
            case "cached", "uncached":
                let router = exampleAPIRouter(
                    issuer: issuer, pageOrigin: pageOrigin, keys: keys,
                    cache: arguments[1] == "cached" ? VerifiedTokenCache() : nil)
                let api = Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: quiet)
                group.addTask { try await api.runService() }
            default:
                let router = Router(context: APIContext.self)
                router.add(
                    middleware: CORSMiddleware(
                        allowOrigin: .custom(pageOrigin), allowHeaders: [.authorization], allowMethods: [.get]))
                // The example's handler, with the values a token would give.
                router.group("api").get("me") { _, _ -> Me in
                    let expiry = Date(timeIntervalSince1970: TimeInterval(now + 3600))
                    return Me(sub: "user-1", nickname: "Sam", expiresAt: expiry.ISO8601Format())
                }
                let api = Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: quiet)
                group.addTask { try await api.runService() }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
