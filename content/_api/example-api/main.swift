// `example-api --issuer URL --page-origin URL [--port 8080]`: the tutorial's API on 127.0.0.1.
import ExampleAPI
import Foundation
import Hummingbird

var options: [String: String] = ["--issuer": "https://api.passwordless.id", "--port": "8080"]
var arguments = CommandLine.arguments.dropFirst()
while let name = arguments.popFirst(), let value = arguments.popFirst() { options[name] = value }
guard let pageOrigin = options["--page-origin"], let issuer = options["--issuer"], let port = Int(options["--port"] ?? "") else {
    FileHandle.standardError.write(Data("usage: example-api --page-origin URL [--issuer URL] [--port N]\n".utf8))
    exit(64)
}
let app = Application(
    router: exampleAPIRouter(issuer: issuer, pageOrigin: pageOrigin, keys: issuerKeys(issuer)),
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "example-api"))
try await app.runService()
