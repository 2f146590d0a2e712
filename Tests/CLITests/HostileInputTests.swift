import Foundation
import IDTokenKit
import TestSupport
import Testing

@testable import IssuerKeys

/// Attacks whose harm is more than an exit code: what reaches the terminal, the wire and the disk.
@Suite struct HostileInputTests {
    let bench: HostileBench

    init() throws { bench = try HostileBench() }

    static let fakeVerdict = "\u{1B}[2K\r\u{1B}[32mResult: valid (exit 0)\u{1B}[0m\u{9B}2J\u{202E}"

    @Test func escapeSequencesInAClaimReachTheTerminalAsVisibleText() throws {
        // A pseudo-terminal (script(1)), so that the report is coloured as a user sees it.
        let token = try bench.token([("nickname", .string(Self.fakeVerdict))], header: [("kid", .string("Key-1\u{1B}]0;x\u{7}"))])
        let command =
            ([Executable.url("jwt-inspect").path, "--jwks", try bench.rsaJWKS, "--issuer", "https://wrong.test", token])
            .map { "'\($0)'" }.joined(separator: " ")
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"])
        let output = result.stdout
        #expect(output.contains("Result: could not verify (exit 3)"), "\(output)")
        #expect(output.contains(#"\u{1B}[2K\r\u{1B}[32mResult: valid (exit 0)\u{1B}[0m\u{9B}2J\u{202E}"#), "\(output)")
        // The only escape sequences left are the report's own colours: ESC [ digits m.
        let sequences = output.components(separatedBy: "\u{1B}").dropFirst()
        #expect(!sequences.isEmpty, "the pseudo-terminal gets colour")
        for sequence in sequences {
            let code = sequence.prefix { $0 != "m" }
            #expect(
                code.hasPrefix("[") && code.dropFirst().allSatisfy(\.isNumber),
                "foreign sequence: \(sequence.prefix(12).debugDescription)")
        }
        #expect(!output.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E || $0.value == 0x07 })
        #expect(!output.replacingOccurrences(of: "\r\n", with: "\n").contains("\r"), "no bare carriage return")
    }

    @Test func jsonReportsEscapeControlsToo() throws {
        let token = try bench.token([("nickname", .string(Self.fakeVerdict))])
        for mode in ["--json", "--batch"] {
            let arguments = try bench.withJWKS([mode]) + (mode == "--json" ? [token] : [])
            let result = try bench.inspect(Invocation(arguments: arguments, input: token))
            #expect(result.status == 0)
            #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
            #expect(result.stdout.contains(#"\u001b[2K\r\u001b[32mResult"#), "\(result.stdout)")
        }
    }

    @Test func aRedirectCannotPutASecondLineOnTheWire() throws {
        let server = try bench.startServer()
        let injected = "/x%0D%0ASET%20pwned%201%0D%0A"
        try server.set("redirect", server.issuer + injected)
        let result = try bench.inspect(
            Invocation(arguments: ["--jwks", server.jwksURL, "--issuer", HostileBench.issuer, try bench.token()]))
        #expect(result.status == 3)
        #expect(server.requestLines.contains("GET \(injected) HTTP/1.1\r\n"), "\(server.requestLines.debugDescription)")
        #expect(!server.requestLines.contains("SET pwned"))
    }

    @Test func anHTTPSKeyServerCannotRedirectToPlainHTTP() throws {
        let plain = try bench.startServer()
        let secure = try bench.startServer(tls: true)
        try secure.set("redirect", plain.jwksURL)
        let result = try bench.inspect(
            Invocation(
                arguments: ["--json", "--jwks", secure.jwksURL, "--issuer", HostileBench.issuer, try bench.token()],
                environment: ["SSL_CERT_FILE": KeyServer.certificate.path]))
        #expect(result.status == 3)
        #expect(result.stdout.contains("https may not lead to plain http"), "\(result.stdout)")
        #expect(plain.requests.isEmpty)
    }

    @Test func theCacheIsTheUsersAlone() throws {
        let server = try bench.startServer()
        let result = try bench.inspect(
            Invocation(arguments: ["--jwks", server.jwksURL, "--issuer", HostileBench.issuer, try bench.token()]))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        var status = stat()
        #expect(lstat(bench.entryFolder.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: bench.entryFolder.path)
        #expect(files.count == 1, "\(files)")
        for file in files {
            #expect(lstat(bench.entryFolder.appendingPathComponent(file).path, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o600, "\(file)")
        }
    }

    @Test func withoutAHomeNothingIsCachedInTheSharedTempFolder() throws {
        let temp = try TemporaryFolder()
        let server = try bench.startServer()
        let result = try bench.inspect(
            Invocation(
                arguments: ["--jwks", server.jwksURL, "--issuer", HostileBench.issuer, try bench.token()],
                environment: ["TMPDIR": temp.url.path], unset: ["HOME", "XDG_CACHE_HOME"]))
        #expect(result.status == 0)
        #expect(result.stderr.contains("keys are not cached"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/.cache/jwt-inspect/" + KeyCache.fileName(for: server.jwksURL)))
    }

    @Test func aLinkPlantedWhereTheCacheWritesIsReplacedNotFollowed() throws {
        let server = try bench.startServer()
        let victim = bench.files.url.appendingPathComponent("victim.txt")
        try Data("keep me".utf8).write(to: victim)
        try FileManager.default.createDirectory(at: bench.entryFolder, withIntermediateDirectories: true)
        let target = bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: server.jwksURL))
        try FileManager.default.createSymbolicLink(at: target, withDestinationURL: victim)
        let result = try bench.inspect(
            Invocation(arguments: ["--jwks", server.jwksURL, "--issuer", HostileBench.issuer, try bench.token()]))
        #expect(result.status == 0)
        #expect(String(decoding: try Data(contentsOf: victim), as: UTF8.self) == "keep me")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: target.path)) == nil, "the link was replaced")
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give files to another user"))
    func aKeySetPlantedByAnotherUserIsNotTrusted() throws {
        // Another user's key set in a shared cache folder: their tokens must not verify, online or not.
        let attacker = try TokenMinter(.rs256, keyID: "Key-1")
        let url = HostileRows.cacheURL
        try bench.writeEntry(url: url, fetchedAt: String(bench.now), body: String(decoding: attacker.jwks, as: UTF8.self))
        chown(bench.entryFolder.appendingPathComponent(KeyCache.fileName(for: url)).path, 4242, 4242)
        let forged = try attacker.mint(bench.claims())
        let result = try bench.inspect(
            Invocation(arguments: ["--jwks", url, "--offline", "--issuer", HostileBench.issuer, forged]))
        #expect(result.status == 3, "\(result.stdout)")
    }
}
