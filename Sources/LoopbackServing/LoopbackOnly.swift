import Hummingbird
import Synchronization

/// A server on 127.0.0.1 answers only requests addressed to it by a loopback name and its own port
/// (`Host: 127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`), as Vite's `allowedHosts` does. Otherwise a page on
/// another site could rename itself to this machine (DNS rebinding: `rebind.attacker` resolving to 127.0.0.1)
/// and read the answers, a local provider's tokens among them. Others get 403.
///
///     Application(router: LoopbackOnly(router, port: { boundPort }), …)
package struct LoopbackOnly<Builder: HTTPResponderBuilder>: HTTPResponderBuilder {
    let builder: Builder
    /// The port the server listens on: known once it is bound (port 0 picks one).
    let port: @Sendable () -> Int

    package init(_ builder: Builder, port: @escaping @Sendable () -> Int) {
        self.builder = builder
        self.port = port
    }

    package func buildResponder() -> Responder { Responder(inner: builder.buildResponder(), port: port) }

    package struct Responder: HTTPResponder {
        package typealias Context = Builder.Responder.Context
        let inner: Builder.Responder
        let port: @Sendable () -> Int

        package func respond(to request: Request, context: Context) async throws -> Response {
            guard LoopbackHostCheck.isOwnAuthority(request.head.authority, port: port()) else {
                return Response(
                    status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(
                            string: "Blocked: this server answers requests for 127.0.0.1:\(port()), localhost or [::1] only\n")))
            }
            return try await inner.respond(to: request, context: context)
        }
    }
}

/// The port a server bound (`--port 0` picks one), for checks made before it is known.
package final class BoundPort: Sendable {
    private let stored: Mutex<Int>

    package init(_ port: Int = 0) { stored = Mutex(port) }

    package var value: Int {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// The rule `LoopbackOnly` applies to each request's `Host`.
package enum LoopbackHostCheck {
    /// Whether a `Host` names this server: a loopback name, in any case, with exactly its port (left out only when
    /// the port is 80, as browsers leave it out).
    package static func isOwnAuthority(_ authority: String?, port: Int) -> Bool {
        guard let authority else { return false }
        var host = Substring(authority)
        var given: Substring?
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = authority[..<colon]
            given = authority[authority.index(after: colon)...]
        }
        let name = host.lowercased()
        guard ["127.0.0.1", "localhost", "[::1]"].contains(where: { $0.utf8.elementsEqual(name.utf8) }) else { return false }
        guard let given else { return port == 80 }
        return given.utf8.allSatisfy { (0x30...0x39).contains($0) } && given.utf8.count <= 5 && Int(given) == port
    }
}
