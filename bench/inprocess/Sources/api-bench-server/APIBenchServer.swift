import ExampleAPI
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
    static let issuer = "https://issuer.bench"
    static let pageOrigin = "http://127.0.0.1:8000"

    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let port = Int(arguments[2]) else {
            FileHandle.standardError.write(Data("usage: api-bench-server cached|uncached|open PORT\n".utf8))
            exit(64)
        }
        let signer = try TokenSigner(generating: .rs256, keyID: "bench")
        let now = Int64(Date().timeIntervalSince1970)
        let token = try signer.sign(
            claims: .object([
                ("iss", .string(issuer)), ("sub", .string("user-1")), ("aud", .string(pageOrigin)),
                ("iat", .number(String(now))), ("exp", .number(String(now + 3600))), ("nickname", .string("Sam")),
            ]))
        FileHandle.standardOutput.write(Data((token + "\n").utf8))

        let jwks = Router()
        let body = signer.jwks.serialized
        jwks.get("jwks") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let keys = RemoteKeys(.jwks(URL(string: "http://127.0.0.1:\(port + 1)/jwks")!))
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
