import Foundation
import IDTokenKit
import TestSupport
import Testing

@testable import IssuerKeys

/// Hostile inputs through the built `jwt-inspect`, one row each: the token, the keys, a key server's answer, the
/// cache, the command line. Every row names the exit code it must end with, and none may end by a signal.
@Suite struct HostileInputTableTests {
    @Test(arguments: HostileRows.all)
    func endsWithItsExitCode(row: HostileRow) throws {
        let bench = try HostileBench()
        let invocation = try row.prepare(bench)
        let result = try bench.inspect(invocation)
        #expect(!result.signaled, "\(row.name): ended by signal \(result.status)\n\(result.stderr)")
        #expect(result.status == row.expected, "\(row.name)\n\(result.stdout)\(result.stderr)")
    }

    @Test func thereAreAtLeastAHundredRows() {
        #expect(HostileRows.all.count >= 100)
        #expect(Set(HostileRows.all.map(\.name)).count == HostileRows.all.count, "row names are unique")
    }
}

struct Invocation {
    var arguments: [String]
    var input: String = ""
    var environment: [String: String] = [:]
    /// Variables to remove from the environment.
    var unset: [String] = []
}

struct HostileRow: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: Int32
    let prepare: @Sendable (HostileBench) throws -> Invocation
    var testDescription: String { name }
}

/// What a row may use: signing keys, a cache folder, files, and a key server started on demand.
final class HostileBench {
    static let issuer = "https://issuer.test"
    static let audience = "https://app.test"
    static let rsa = try! TokenMinter(.rs256, keyID: "Key-1")
    static let ed25519 = try! TokenMinter(.edDSA, keyID: "ed")

    let files: TemporaryFolder
    /// Servers a row started; they stop when the row is done.
    var servers: [KeyServer] = []
    let now = Int64(Date().timeIntervalSince1970)

    init() throws { files = try TemporaryFolder() }

    var cacheFolder: URL { files.url.appendingPathComponent("cache") }
    var entryFolder: URL { cacheFolder.appendingPathComponent("jwt-inspect") }

    func path(_ name: String, _ contents: String) throws -> String {
        try files.write(name, contents)
        return files.url.appendingPathComponent(name).path
    }

    var rsaJWKS: String { get throws { try path("jwks.json", String(decoding: Self.rsa.jwks, as: UTF8.self)) } }

    func startServer(tls: Bool = false) throws -> KeyServer {
        let started = try KeyServer(tls: tls)
        try started.set("jwks.json", String(decoding: Self.rsa.jwks, as: UTF8.self))
        servers.append(started)
        return started
    }

    func claims(_ changes: [(String, JSONValue)] = [], removing: [String] = []) -> [(String, JSONValue)] {
        var members = TokenMinter.claims(issuer: Self.issuer, audience: Self.audience, now: now)
            .filter { member in !removing.contains(member.0) && !changes.contains { $0.0 == member.0 } }
        members += changes
        return members
    }

    func token(_ changes: [(String, JSONValue)] = [], removing: [String] = [], header: [(String, JSONValue)] = []) throws
        -> String
    {
        try Self.rsa.mint(claims(changes, removing: removing), header: header)
    }

    /// The exact header and payload text, signed by the RSA key.
    func signed(header: String = #"{"alg":"RS256","kid":"Key-1"}"#, payload: String) throws -> String {
        try Self.rsa.sign(header: header, payload: payload)
    }

    static func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    /// Arguments that verify with the RSA key set in a file.
    func withJWKS(_ extra: [String] = []) throws -> [String] {
        ["--jwks", try rsaJWKS, "--issuer", Self.issuer, "--audience", Self.audience] + extra
    }

    func writeEntry(url: String, fetchedAt: String, maxAge: String = "3600", body: String? = nil) throws {
        try FileManager.default.createDirectory(at: entryFolder, withIntermediateDirectories: true)
        let body = body ?? String(decoding: Self.rsa.jwks, as: UTF8.self)
        let entry =
            #"{"url":\#(JSONValue.quote(url)),"fetchedAt":\#(fetchedAt),"maxAge":\#(maxAge),"body":\#(JSONValue.quote(body))}"#
        try Data(entry.utf8).write(to: entryFolder.appendingPathComponent(KeyCache.fileName(for: url)))
    }

    func inspect(_ invocation: Invocation) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cacheFolder.path
        environment.merge(invocation.environment) { $1 }
        for name in invocation.unset { environment[name] = nil }
        return try run(Executable.url("jwt-inspect"), invocation.arguments, input: invocation.input, environment: environment)
    }
}

enum HostileRows {
    static let all = tokens + keys + keyServers + caches + commandLines

    static func row(_ name: String, _ expected: Int32, _ prepare: @escaping @Sendable (HostileBench) throws -> Invocation)
        -> HostileRow
    {
        HostileRow(name: name, expected: expected, prepare: prepare)
    }

    /// A row that passes `token(bench)` to `--jwks FILE` with the issuer and audience set.
    static func token(
        _ name: String, _ expected: Int32, extra: [String] = [], _ make: @escaping @Sendable (HostileBench) throws -> String
    ) -> HostileRow {
        row(name, expected) { bench in Invocation(arguments: try bench.withJWKS(extra) + [try make(bench)]) }
    }

    static let b64 = HostileBench.b64
    static let edgeMin = JSONValue.number("-9223372036854775808")

    static let tokens: [HostileRow] = [
        token("valid control row", 0) { try $0.token() },
        token("empty argument", 4) { _ in "" },
        token("only spaces", 4) { _ in "   " },
        token("one part", 4) { _ in "abc" },
        token("two parts", 4) { _ in "abc.def" },
        token("four parts", 4) { _ in "a.b.c.d" },
        token("five parts (JWE)", 4) { _ in "a.b.c.d.e" },
        token("over the size limit", 4) { _ in "eyJ" + String(repeating: "A", count: 70_000) + ".e30.AA" },
        token("illegal base64 character", 4) { bench in "e!J" + (try bench.token()).dropFirst(3) },
        token("base64 padding", 4) { bench in
            let parts = try bench.token().split(separator: ".")
            return "\(parts[0])=.\(parts[1]).\(parts[2])"
        },
        token("non-canonical trailing bits", 4) { _ in "eyJhbGciOiJSUzI1NiJ9.e30.AB" },
        token("header is an array", 4) { _ in "\(b64("[]")).e30.AA" },
        token("header without alg", 4) { _ in "\(b64("{}")).e30.AA" },
        token("header is not JSON", 4) { _ in "\(b64("{alg:RS256}")).e30.AA" },
        token("duplicate alg", 4) { _ in "\(b64(#"{"alg":"none","alg":"RS256"}"#)).e30.AA" },
        token("header nested 100 deep", 4) { _ in
            "\(b64(#"{"alg":"RS256","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}")).e30.AA"
        },
        token("lone surrogate in header", 4) { _ in "\(b64(#"{"alg":"RS256","kid":"\ud800"}"#)).e30.AA" },
        token("invalid UTF-8 in header", 4) { _ in
            Base64URL.encode(Array(#"{"alg":"RS256","kid":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)) + ".e30.AA"
        },
        token("kid is a number", 4) { _ in "\(b64(#"{"alg":"RS256","kid":7}"#)).e30.AA" },
        token("crit is empty", 4) { _ in "\(b64(#"{"alg":"RS256","crit":[]}"#)).e30.AA" },
        token("unknown crit", 1) { try $0.token(header: [("crit", .array([.string("exp")])), ("exp", .number("1"))]) },
        token("b64 false", 4) { _ in "\(b64(#"{"alg":"RS256","b64":false,"crit":["b64"]}"#)).e30.AA" },
        token("alg none", 1) { bench in "\(b64(#"{"alg":"none"}"#)).\(b64(JSONValue.object(bench.claims()).serialized))." },
        token("alg NONE", 1) { bench in "\(b64(#"{"alg":"NONE"}"#)).\(b64(JSONValue.object(bench.claims()).serialized))." },
        token("alg with a NUL", 3) { bench in
            try bench.signed(
                header: #"{"alg":"RS256\u0000","kid":"Key-1"}"#, payload: JSONValue.object(bench.claims()).serialized)
        },
        token("alg in lower case", 3) { bench in
            try bench.signed(header: #"{"alg":"rs256","kid":"Key-1"}"#, payload: JSONValue.object(bench.claims()).serialized)
        },
        token("HS256 against an RSA key (confusion)", 3) { bench in
            let input = "\(b64(#"{"alg":"HS256","kid":"Key-1"}"#)).\(b64(JSONValue.object(bench.claims()).serialized))"
            let mac = try Signatures.hmac(.hs256, secret: Array(try bench.rsaJWKS.utf8), message: Array(input.utf8))
            return input + "." + Base64URL.encode(mac)
        },
        token("ES256 against an RSA key", 3) { bench in
            try TokenMinter(.es256, keyID: "Key-1").mint(bench.claims())
        },
        token("unknown kid", 3) { try $0.token(header: [("kid", .string("other"))]) },
        token("kid spelled with KELVIN SIGN", 3) { try $0.token(header: [("kid", .string("\u{212A}ey-1"))]) },
        token("empty signature", 1) { bench in String(try bench.token().dropLast(342)) },
        token("truncated signature", 1) { bench in String(try bench.token().dropLast(2)) },
        token("all-zero signature", 1) { bench in
            let parts = try bench.token().split(separator: ".")
            return "\(parts[0]).\(parts[1]).\(Base64URL.encode([UInt8](repeating: 0, count: 256)))"
        },
        token("tampered payload", 1) { bench in
            var parts = try bench.token().split(separator: ".").map(String.init)
            parts[1] = b64(JSONValue.object(bench.claims([("sub", .string("admin"))])).serialized)
            return parts.joined(separator: ".")
        },
        token("empty payload, validly signed", 4) { try $0.signed(payload: "") },
        token("payload is an array", 4) { try $0.signed(payload: "[]") },
        token("payload is null", 4) { try $0.signed(payload: "null") },
        token("payload is not JSON", 4) { try $0.signed(payload: "hello") },
        token("duplicate iss in payload", 4) { bench in
            try bench.signed(payload: #"{"iss":"https://issuer.test","iss":"https://evil.test"}"#)
        },
        token("lone surrogate in payload", 4) { try $0.signed(payload: #"{"sub":"\udc00"}"#) },
        token("payload nested 40 deep", 4) { bench in
            try bench.signed(payload: #"{"a":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}")
        },
        token("a 60-digit number", 4) { try $0.signed(payload: #"{"exp":"# + String(repeating: "9", count: 60) + "}") },
        token("exp at Int64.min", 2) { try $0.token([("exp", edgeMin)]) },
        token("exp at Int64.max", 2) { try $0.token([("exp", .number("9223372036854775807"))]) },
        token("iat at Int64.min", 2) { try $0.token([("iat", edgeMin)]) },
        token("nbf at Int64.min", 2) { try $0.token([("nbf", edgeMin)]) },
        token("auth_time at Int64.min", 2, extra: ["--max-age", "60"]) { try $0.token([("auth_time", edgeMin)]) },
        token("exp of 1e400", 2) { try $0.token([("exp", .number("1e400"))]) },
        token("exp of -0.0", 2) { try $0.token([("exp", .number("-0.0"))]) },
        token("exp is a string", 2) { bench in try bench.token([("exp", .string(String(bench.now + 600)))]) },
        token("exp of 1.5", 2) { try $0.token([("exp", .number("1.5"))]) },
        token("no exp", 2) { try $0.token(removing: ["exp"]) },
        token("issuer with KELVIN SIGN", 2, extra: ["--issuer", "https://Keys.test"]) {
            try $0.token([("iss", .string("https://\u{212A}eys.test"))])
        },
        token("issuer in NFD", 2, extra: ["--issuer", "https://caf\u{E9}.test"]) {
            try $0.token([("iss", .string("https://cafe\u{301}.test"))])
        },
        token("issuer with GREEK QUESTION MARK", 2, extra: ["--issuer", "https://a.test/;"]) {
            try $0.token([("iss", .string("https://a.test/\u{37E}"))])
        },
        token("audience look-alike", 2, extra: ["--audience", "https://Kite.test"]) {
            try $0.token([("aud", .string("https://\u{212A}ite.test"))])
        },
        token("several audiences, no azp", 2) {
            try $0.token([("aud", .array([.string(HostileBench.audience), .string("https://other.test")]))])
        },
        token("empty audience array", 2) { try $0.token([("aud", .array([]))]) },
        token("nonce look-alike", 2, extra: ["--nonce", "Kn"]) { try $0.token([("nonce", .string("\u{212A}n"))]) },
        token("no sub", 2) { try $0.token(removing: ["sub"]) },
        token("typ JWS", 2) { try $0.token(header: [("typ", .string("JWS"))]) },
        token("key hints in the header are ignored", 0) { bench in
            try bench.token(header: [
                ("jku", .string("https://evil.test/jwks")), ("x5u", .string("https://evil.test/cert")),
                ("jwk", .object([("kty", .string("oct")), ("k", .string("AAAA"))])),
            ])
        },
        token("escape sequences in a claim", 0) { bench in
            try bench.token([("nickname", .string("\u{1B}[2K\r\u{1B}[32mResult: valid (exit 0)\u{1B}[0m\u{9B}2J\u{202E}"))])
        },
        token("Bearer prefix", 0) { "Bearer " + (try $0.token()) },
        token("redirect URL with the token", 0) { "https://app.test/#state=1&id_token=" + (try $0.token()) },
        token("URL without id_token", 4) { _ in "https://app.test/#state=1&access_token=x" },
        token("user JSON", 0) { #"{"signedIn":true,"id_token":"\#(try $0.token())"}"# },
        token("JSON without id_token", 4) { _ in #"{"signedIn":true}"# },
        token("JSON nested 1000 deep", 4) { _ in String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) },
        row("NUL bytes on standard input", 4) { bench in
            Invocation(arguments: try bench.withJWKS(["-"]), input: "eyJ\u{0}.e30.AA")
        },
    ]

    /// A row that verifies `token` with a key set given in a file.
    static func keySet(
        _ name: String, _ expected: Int32, jwks: @escaping @Sendable (HostileBench) throws -> String,
        token: @escaping @Sendable (HostileBench) throws -> String
    ) -> HostileRow {
        row(name, expected) { bench in
            Invocation(arguments: [
                "--jwks", try bench.path("keys.json", try jwks(bench)), "--issuer", HostileBench.issuer,
                try token(bench),
            ])
        }
    }

    static let modulus: String = {
        let members = (try? OpenSSLKey.generate(.rsa(bits: 2048)).publicJWKMembers()) ?? []
        return members.first { $0.0 == "n" }?.1 ?? ""
    }()

    static func rsaKey(e: String, n: String = modulus) -> String {
        #"{"keys":[{"kty":"RSA","kid":"Key-1","n":"\#(n)","e":"\#(e)"}]}"#
    }

    static func okpKey(_ hex: String) -> String {
        #"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"ed","x":"\#(Base64URL.encode([UInt8](hex: hex)))"}]}"#
    }

    static let identityPoint = "01" + String(repeating: "0", count: 62)

    static let keys: [HostileRow] = [
        keySet("RSA exponent 1", 3, jwks: { _ in rsaKey(e: "AQ") }, token: { try $0.token() }),
        keySet("RSA exponent 2", 3, jwks: { _ in rsaKey(e: "Ag") }, token: { try $0.token() }),
        keySet(
            "RSA 1024-bit key", 3,
            jwks: { _ in
                let small = try OpenSSLKey.generate(.rsa(bits: 1024)).publicJWKMembers()
                return rsaKey(e: "AQAB", n: small.first { $0.0 == "n" }?.1 ?? "")
            }, token: { try $0.token() }),
        keySet(
            "RSA modulus with a leading zero", 3, jwks: { _ in rsaKey(e: "AQAB", n: "AA" + modulus) }, token: { try $0.token() }),
        keySet(
            "Ed25519 identity point, universal signature", 3, jwks: { _ in okpKey(identityPoint) },
            token: { bench in
                let input = "\(b64(#"{"alg":"EdDSA","kid":"ed"}"#)).\(b64(JSONValue.object(bench.claims()).serialized))"
                return input + "." + Base64URL.encode([UInt8](hex: identityPoint) + [UInt8](repeating: 0, count: 32))
            }),
        keySet(
            "Ed25519 point of order 8", 3,
            jwks: { _ in okpKey("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05") },
            token: { try HostileBench.ed25519.mint($0.claims()) }),
        keySet(
            "EC point off the curve", 3,
            jwks: { _ in
                let zero = Base64URL.encode([UInt8](repeating: 1, count: 32))
                return #"{"keys":[{"kty":"EC","crv":"P-256","kid":"Key-1","x":"\#(zero)","y":"\#(zero)"}]}"#
            }, token: { try TokenMinter(.es256, keyID: "Key-1").mint($0.claims()) }),
        keySet(
            "EC coordinates too short", 3,
            jwks: { _ in #"{"keys":[{"kty":"EC","crv":"P-256","kid":"Key-1","x":"AA","y":"AA"}]}"# },
            token: { try TokenMinter(.es256, keyID: "Key-1").mint($0.claims()) }),
        keySet(
            "oct key in a published set", 3, jwks: { _ in #"{"keys":[{"kty":"oct","kid":"Key-1","k":"c2VjcmV0"}]}"# },
            token: { try $0.token() }),
        keySet("unknown kty only", 3, jwks: { _ in #"{"keys":[{"kty":"XYZ","kid":"Key-1"}]}"# }, token: { try $0.token() }),
        keySet("keys is not an array", 64, jwks: { _ in #"{"keys":{}}"# }, token: { try $0.token() }),
        keySet("key set is not JSON", 64, jwks: { _ in "keys" }, token: { try $0.token() }),
        keySet(
            "key_ops is not an array", 3,
            jwks: { _ in
                String(decoding: HostileBench.rsa.jwks, as: UTF8.self).replacingOccurrences(
                    of: #""kty""#, with: #""key_ops":"verify","kty""#)
            }, token: { try $0.token() }),
        keySet(
            "use enc", 3,
            jwks: { _ in
                String(decoding: HostileBench.rsa.jwks, as: UTF8.self).replacingOccurrences(
                    of: #""use":"sig""#, with: #""use":"enc""#)
            }, token: { try $0.token() }),
        row("empty --secret", 64) { bench in Invocation(arguments: ["--secret", "", try bench.token()]) },
        row("31-byte --secret", 64) { bench in
            Invocation(arguments: ["--secret", String(repeating: "s", count: 31), try bench.token()])
        },
        row("32-byte secret for HS384", 3) { bench in
            let secret = String(repeating: "s", count: 32)
            let input = "\(b64(#"{"alg":"HS384"}"#)).\(b64(JSONValue.object(bench.claims()).serialized))"
            let mac = try Signatures.hmac(.hs384, secret: Array(secret.utf8), message: Array(input.utf8))
            return Invocation(arguments: [
                "--secret", secret, "--issuer", HostileBench.issuer, input + "." + Base64URL.encode(mac),
            ])
        },
        row("32-byte secret for HS256", 0) { bench in
            let secret = String(repeating: "s", count: 32)
            let input = "\(b64(#"{"alg":"HS256"}"#)).\(b64(JSONValue.object(bench.claims()).serialized))"
            let mac = try Signatures.hmac(.hs256, secret: Array(secret.utf8), message: Array(input.utf8))
            return Invocation(
                arguments: [
                    "--secret", secret, "--issuer", HostileBench.issuer, "--audience", HostileBench.audience,
                    input + "." + Base64URL.encode(mac),
                ])
        },
        row("oct --key with an empty k", 64) { bench in
            Invocation(arguments: ["--key", try bench.path("k.jwk", #"{"kty":"oct","k":""}"#), try bench.token()])
        },
        row("PEM --key that is garbage", 64) { bench in
            Invocation(arguments: [
                "--key", try bench.path("k.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
                try bench.token(),
            ])
        },
        row("missing --key file", 64) { bench in Invocation(arguments: ["--key", "/nonexistent/key.pem", try bench.token()]) },
    ]

    /// A row whose key server answers every request with `raw`, byte for byte.
    static func rawAnswer(_ name: String, _ raw: String) -> HostileRow {
        row(name, 3) { bench in
            let server = try bench.startServer()
            try server.set("raw", raw)
            return Invocation(arguments: ["--jwks", server.jwksURL, "--issuer", HostileBench.issuer, try bench.token()])
        }
    }

    static let keyServers: [HostileRow] = [
        rawAnswer(
            "chunk size that overflows", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n7fffffffffffffff\r\n"),
        rawAnswer("negative chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n{\r\n0\r\n\r\n"),
        rawAnswer("chunk size with a plus sign", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\n{}\r\n0\r\n\r\n"),
        rawAnswer("chunk size of 18 digits", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n"),
        rawAnswer("negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n{}"),
        rawAnswer("Content-Length beyond Int", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n{}"),
        rawAnswer("Content-Length with a sign", "HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\n{}"),
        rawAnswer("body shorter than its length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{}"),
        rawAnswer("no status line", "hello\r\n\r\n"),
        rawAnswer("status that is not a number", "HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\n{}"),
        rawAnswer("header line without a colon", "HTTP/1.1 200 OK\r\nbroken\r\nContent-Length: 2\r\n\r\n{}"),
        rawAnswer("70 KiB of headers", "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70 * 1024) + "\r\n\r\n{}"),
        rawAnswer("nothing at all", ""),
        rawAnswer("HTTP 500", "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"),
        rawAnswer("redirect to itself, forever", "HTTP/1.1 302 Found\r\nLocation: /jwks\r\nContent-Length: 0\r\n\r\n"),
        rawAnswer("redirect to javascript:", "HTTP/1.1 302 Found\r\nLocation: javascript:alert(1)\r\nContent-Length: 0\r\n\r\n"),
        rawAnswer("redirect with a space", "HTTP/1.1 302 Found\r\nLocation: /a b\r\nContent-Length: 0\r\n\r\n"),
        rawAnswer("redirect to a control character", "HTTP/1.1 302 Found\r\nLocation: /a\u{1}b\r\nContent-Length: 0\r\n\r\n"),
        rawAnswer("body is not JSON", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
        rawAnswer(
            "key set of 5000 broken keys",
            {
                let keys = Array(repeating: #"{"kty":"RSA","n":"AA","e":"AQ"}"#, count: 5000).joined(separator: ",")
                let body = #"{"keys":[\#(keys)]}"#
                return "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            }()),
        row("discovery names a look-alike issuer", 3) { bench in
            let server = try bench.startServer()
            try server.set(
                "discovery.json",
                #"{"issuer":"http://127.0.0.1:{PORT}/\#u{212A}elvin","jwks_uri":"http://127.0.0.1:{PORT}/jwks"}"#)
            let issuer = server.issuer + "/Kelvin"
            return Invocation(arguments: ["--issuer", issuer, try bench.token([("iss", .string(issuer))])])
        },
        row("discovery jwks_uri is ftp", 3) { bench in
            let server = try bench.startServer()
            try server.set("discovery.json", #"{"issuer":"http://127.0.0.1:{PORT}","jwks_uri":"ftp://127.0.0.1:{PORT}/jwks"}"#)
            return Invocation(arguments: ["--issuer", server.issuer, try bench.token([("iss", .string(server.issuer))])])
        },
        row("https key server redirects to plain http on loopback", 3) { bench in
            let plain = try bench.startServer()
            let secure = try bench.startServer(tls: true)
            try secure.set("redirect", plain.jwksURL)
            return Invocation(
                arguments: ["--jwks", secure.jwksURL, "--issuer", HostileBench.issuer, try bench.token()],
                environment: ["SSL_CERT_FILE": KeyServer.certificate.path])
        },
    ]

    static let cacheURL = "https://keys.test/jwks"

    /// A row that verifies `--offline` against `https://keys.test/jwks`, with the cache as `setup` leaves it.
    static func cache(_ name: String, _ expected: Int32, _ setup: @escaping @Sendable (HostileBench) throws -> Void) -> HostileRow
    {
        row(name, expected) { bench in
            try setup(bench)
            return Invocation(
                arguments: [
                    "--jwks", cacheURL, "--offline", "--issuer", HostileBench.issuer, "--audience", HostileBench.audience,
                    try bench.token(),
                ])
        }
    }

    static let asRoot = geteuid() == 0

    static let caches: [HostileRow] = [
        cache("good entry (control row)", 0) { try $0.writeEntry(url: cacheURL, fetchedAt: String($0.now - 10)) },
        cache("entry fetched in the future", 3) { try $0.writeEntry(url: cacheURL, fetchedAt: String($0.now + 1_000_000)) },
        cache("entry fetched at Int64.max", 3) { try $0.writeEntry(url: cacheURL, fetchedAt: "9223372036854775807") },
        cache("entry fetched at Int64.min", 3) { try $0.writeEntry(url: cacheURL, fetchedAt: "-9223372036854775808") },
        cache("entry fetched at 1e308", 3) { try $0.writeEntry(url: cacheURL, fetchedAt: "1e308") },
        cache("negative max age", 3) { try $0.writeEntry(url: cacheURL, fetchedAt: String($0.now), maxAge: "-1") },
        cache("max age of 1e18", 3) {
            try $0.writeEntry(url: cacheURL, fetchedAt: String($0.now), maxAge: "1000000000000000000")
        },
        cache("entry for another URL", 3) { bench in
            try bench.writeEntry(url: "https://evil.test/jwks", fetchedAt: String(bench.now))
            let folder = bench.entryFolder
            try FileManager.default.moveItem(
                at: folder.appendingPathComponent(KeyCache.fileName(for: "https://evil.test/jwks")),
                to: folder.appendingPathComponent(KeyCache.fileName(for: cacheURL)))
        },
        cache("entry is not JSON", 3) { bench in
            try bench.writeEntry(url: cacheURL, fetchedAt: String(bench.now))
            try Data("garbage".utf8).write(to: bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: cacheURL)))
        },
        cache("entry is a symbolic link", 3) { bench in
            try bench.writeEntry(url: cacheURL, fetchedAt: String(bench.now))
            let file = bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: cacheURL))
            let elsewhere = bench.files.url.appendingPathComponent("planted.json")
            try FileManager.default.moveItem(at: file, to: elsewhere)
            try FileManager.default.createSymbolicLink(at: file, withDestinationURL: elsewhere)
        },
        cache("entry is a FIFO", 3) { bench in
            try FileManager.default.createDirectory(at: bench.entryFolder, withIntermediateDirectories: true)
            _ = mkfifo(bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: cacheURL)).path, 0o600)
        },
        cache("entry is a folder", 3) { bench in
            try FileManager.default.createDirectory(
                at: bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: cacheURL)), withIntermediateDirectories: true)
        },
        cache("cache folder is a symbolic link", 3) { bench in
            let elsewhere = bench.files.url.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: bench.cacheFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: bench.entryFolder, withDestinationURL: elsewhere)
            try bench.writeEntry(url: cacheURL, fetchedAt: String(bench.now))
        },
        cache("entry owned by another user", asRoot ? 3 : 0) { bench in
            try bench.writeEntry(url: cacheURL, fetchedAt: String(bench.now))
            if asRoot { chown(bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: cacheURL)).path, 4242, 4242) }
        },
        cache("cache folder owned by another user", asRoot ? 3 : 0) { bench in
            try bench.writeEntry(url: cacheURL, fetchedAt: String(bench.now))
            if asRoot { chown(bench.entryFolder.path, 4242, 4242) }
        },
        cache("cache folder open to everyone", 0) { bench in
            try bench.writeEntry(url: cacheURL, fetchedAt: String(bench.now))
            chmod(bench.entryFolder.path, 0o777)
        },
        row("no HOME and no XDG_CACHE_HOME", 0) { bench in
            Invocation(arguments: try bench.withJWKS() + [try bench.token()], unset: ["HOME", "XDG_CACHE_HOME"])
        },
    ]

    static func usage(_ name: String, _ arguments: [String], exits expected: Int32 = 64) -> HostileRow {
        row(name, expected) { bench in Invocation(arguments: try bench.withJWKS(arguments) + [try bench.token()]) }
    }

    static let commandLines: [HostileRow] = [
        usage("--leeway -1", ["--leeway=-1"]),
        usage("--leeway at Int64.min", ["--leeway=-9223372036854775808"]),
        usage("--leeway at Int64.max", ["--leeway", "9223372036854775807"]),
        usage("--leeway beyond Int64", ["--leeway", "99999999999999999999"]),
        usage("--max-age at Int64.max", ["--max-age", "9223372036854775807"]),
        usage("--max-age -1", ["--max-age=-1"]),
        usage("--now at Int64.min", ["--now=-9223372036854775808"]),
        usage("--now at Int64.max", ["--now", "9223372036854775807"]),
        usage("--now that is not a time", ["--now", "yesterday"]),
        usage("--now in year 9999", ["--now", "9999-12-31T23:59:59Z"], exits: 2),
        usage("--jwks and --key", ["--key", "/dev/null"]),
        usage("--jwks ftp", ["--jwks", "ftp://keys.test/jwks"]),
        usage("--issuer over plain http", ["--issuer", "http://example.com", "--jwks", "http://example.com/jwks"]),
        usage("unknown option", ["--frobnicate"]),
        row("--issuer that is empty", 64) { bench in Invocation(arguments: ["--issuer", "", try bench.token()]) },
        row("--jwks file that is missing", 64) { bench in
            Invocation(arguments: ["--jwks", "/nonexistent.json", try bench.token()])
        },
        row("--batch with a token argument", 64) { bench in
            Invocation(arguments: try bench.withJWKS(["--batch"]) + [try bench.token()])
        },
        row("--batch with an Int64.min line among good ones", 4) { bench in
            let lines = [try bench.token(), try bench.token([("exp", edgeMin)]), "garbage", try bench.token()]
            return Invocation(arguments: try bench.withJWKS(["--batch"]), input: lines.joined(separator: "\n"))
        },
    ]
}
