import Foundation
import IDTokenKit
import TestSupport
import Testing

/// Runs the built `jwt-inspect` against tokens minted here, keys in files and a real local key server.
@Suite struct JWTInspectTests {
    static let audience = "https://app.test"

    let cache: TemporaryFolder
    let files: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
        files = try TemporaryFolder()
    }

    func inspect(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache.url.path
        environment.merge(extra) { $1 }
        return try run(Executable.url("jwt-inspect"), arguments, input: input ?? "", environment: environment)
    }

    func jwksFile(_ minters: TokenMinter...) throws -> String {
        let json = JSONValue.object([("keys", .array(minters.map(\.jwk)))]).serialized
        let name = "jwks-\(UUID().uuidString).json"
        try files.write(name, json)
        return files.url.appendingPathComponent(name).path
    }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    func token(_ minter: TokenMinter, issuer: String = "https://issuer.test", now: Int64? = nil) throws -> String {
        try minter.mint(TokenMinter.claims(issuer: issuer, audience: Self.audience, now: now ?? self.now))
    }

    func json(_ output: String) throws -> JSONValue { try StrictJSON.parse(Array(output.utf8)) }

    @Test func validTokenShowsEverySection() throws {
        let minter = try TokenMinter(.rs256)
        var claims = TokenMinter.claims(issuer: "https://issuer.test", audience: Self.audience, now: now)
        claims.removeAll { $0.0 == "exp" }
        claims.append(("exp", .number(String(now + 54 * 60 + 30))))
        let result = try inspect([
            "--jwks", try jwksFile(minter), "--issuer", "https://issuer.test", "--audience", Self.audience,
            try minter.mint(claims),
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for text in [
            "Header", "Claims", "Signature", "Checks", "✓ valid: RS256 with RSA 2048-bit key \"test-key\"", "(in 54 min)",
            "Result: valid (exit 0)",
        ] {
            #expect(result.stdout.contains(text), "missing \(text):\n\(result.stdout)")
        }
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func exitCodesTellWhatWentWrong() throws {
        let minter = try TokenMinter(.es256)
        let jwks = try jwksFile(minter)
        let good = try token(minter)
        let base = ["--jwks", jwks, "--issuer", "https://issuer.test", "--audience", Self.audience]

        var parts = good.split(separator: ".").map(String.init)
        let payload = Array(parts[1])
        parts[1] = String(payload[..<10]) + (payload[10] == "A" ? "B" : "A") + String(payload[11...])
        #expect(try inspect(base + [parts.joined(separator: ".")]).status == 1)

        let expired = try token(minter, now: now - 5 * 3600)
        let claimsFailed = try inspect(base + [expired])
        #expect(claimsFailed.status == 2)
        #expect(claimsFailed.stdout.contains("expired 4 h ago"))
        #expect(try inspect(base + ["--now", String(now - 5 * 3600 + 60), expired]).status == 0)

        let stranger = try TokenMinter(.es256, keyID: "other")
        #expect(try inspect(base + [try token(stranger)]).status == 3)
        let malformed = try inspect(base + ["abc.def"])
        #expect(malformed.status == 4)
        #expect(malformed.stdout.contains("has 2 parts"))
        #expect(try inspect(["--jwks", jwks, "--secret", "s", good]).status == 64)
    }

    @Test func everyFailedCheckIsListed() throws {
        let minter = try TokenMinter(.es256)
        let token = try minter.mint([
            ("iss", .string("https://evil.test")), ("sub", .string("u")), ("aud", .string("https://other.test")),
            ("iat", .number(String(now))), ("exp", .number(String(now - 7200))),
        ])
        let result = try inspect([
            "--jwks", try jwksFile(minter), "--issuer", "https://issuer.test", "--audience", Self.audience, "--json", token,
        ])
        #expect(result.status == 2)
        let report = try json(result.stdout)
        let failed = report["checks"]?.array?.filter { $0["verdict"] == .string("failed") }.compactMap { $0["name"]?.string }
        #expect(failed == ["iss", "aud", "exp"])
        #expect(report["signature"]?["verdict"] == .string("valid"))
    }

    @Test func acceptsWhatUsersPasteOnStandardInput() throws {
        let minter = try TokenMinter(.edDSA)
        let token = try token(minter)
        let arguments = ["--jwks", try jwksFile(minter), "--issuer", "https://issuer.test", "--audience", Self.audience]
        for input in [
            "  \(token)\n", "Bearer \(token)", "https://owner.github.io/repo/demo/#id_token=\(token)",
            #"{"signedIn":true,"scopeGranted":true,"id_token":"\#(token)","profile":{"nickname":"Johny"}}"#,
        ] {
            #expect(try inspect(arguments, input: input).status == 0, "\(input)")
            #expect(try inspect(arguments + ["-"], input: input).status == 0, "\(input)")
        }
        let garbage = try inspect(arguments, input: "hello there")
        #expect(garbage.status == 4)
        #expect(garbage.stdout.contains("not a token"))
    }

    @Test func noVerifyDecodesOfflineAndSaysSo() throws {
        let minter = try TokenMinter(.rs256)
        let result = try inspect(["--no-verify", "--issuer", "https://issuer.test", try token(minter)])
        #expect(result.status == 0)
        #expect(result.stdout.contains("nothing about this token was verified"))
        #expect(result.stdout.contains("aud") && result.stdout.contains("not checked"))
        let report = try json(try inspect(["--no-verify", "--json", try token(minter)]).stdout)
        #expect(report["signature"]?["verdict"] == .string("not-checked"))
    }

    @Test func jsonReportsANonObjectPayloadAndStillChecksTheSignature() throws {
        let minter = try TokenMinter(.es256)
        let token = try minter.sign(header: #"{"alg":"ES256","kid":"test-key"}"#, payload: "[1,2,3]")
        let result = try inspect(["--jwks", try jwksFile(minter), "--json", token])
        #expect(result.status == 4)
        let report = try json(result.stdout)
        #expect(report["payload"] == .null)
        #expect(report["payloadError"]?.string?.contains("array") == true)
        #expect(report["signature"]?["verdict"] == .string("valid"))
        #expect(report["signature"]?["key"]?["kid"] == .string("test-key"))
    }

    @Test func keyFileAndExplicitSecret() throws {
        let minter = try TokenMinter(.ps256)
        try files.write("key.jwk", minter.jwk.serialized)
        let keyPath = files.url.appendingPathComponent("key.jwk").path
        #expect(try inspect(["--key", keyPath, "--issuer", "https://issuer.test", try token(minter)]).status == 0)

        let header = Base64URL.encode(Array(#"{"alg":"HS256"}"#.utf8))
        let payload = Base64URL.encode(
            Array(JSONValue.object(TokenMinter.claims(audience: Self.audience, now: now)).serialized.utf8))
        let secret = "a shared secret of 32 bytes, ok."
        let mac = try Signatures.hmac(.hs256, secret: Array(secret.utf8), message: Array("\(header).\(payload)".utf8))
        let hmacToken = "\(header).\(payload).\(Base64URL.encode(mac))"
        #expect(try inspect(["--secret", secret, "--issuer", "https://issuer.test", hmacToken]).status == 0)
        #expect(
            try inspect(["--secret", "another secret, also of 32 bytes", "--issuer", "https://issuer.test", hmacToken]).status
                == 1)
    }

    @Test func batchKeepsOrderAndReportsEachToken() throws {
        let minter = try TokenMinter(.es256)
        let now = Int64(Date().timeIntervalSince1970)
        let pool = try (0..<20).map { number in
            try minter.mint(
                TokenMinter.claims(issuer: "https://issuer.test", now: now).map {
                    $0.0 == "sub" ? ("sub", .string("user-\(number)")) : $0
                })
        }
        // Enough lines for several rounds of chunks, with malformed ones scattered across them.
        let count = 5000
        let lines = (0..<count).map { $0 % 997 == 7 ? "not-a-token" : pool[$0 % pool.count] }
        let result = try inspect(
            ["--jwks", try jwksFile(minter), "--issuer", "https://issuer.test", "--batch"], input: lines.joined(separator: "\n"))
        let outputs = result.stdout.split(separator: "\n")
        #expect(outputs.count == count)
        for (index, line) in outputs.enumerated() {
            let report = try json(String(line))
            let expected = index % 997 == 7 ? "malformed" : "valid"
            #expect(report["outcome"] == .string(expected), "line \(index)")
            if expected == "valid" { #expect(report["payload"]?["sub"]?.string == "user-\(index % pool.count)", "line \(index)") }
        }
        #expect(result.status == 4)
    }

    @Test func aHugeStandardInputIsRefusedWithoutReadingIt() throws {
        // Over the 1 MiB kept for one token, from a pipe: reading stops there.
        let piped = try inspect(["--no-verify", "-"], input: String(repeating: "A", count: 2 << 20))
        #expect(piped.status == 4 && !piped.signaled)
        #expect(piped.stdout.contains("the input is over 1048576 bytes"), "\(piped.stdout)")
        // A 100 GB (sparse) file: refused by its size. It crashed the tool, which reserved memory for all of it.
        let file = cache.url.appendingPathComponent("huge-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 100 << 30)
        try handle.close()
        let process = Process()
        process.executableURL = Executable.url("jwt-inspect")
        process.arguments = ["--no-verify", "-"]
        process.standardInput = try FileHandle(forReadingFrom: file)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 4, "\(text)")
        #expect(text.contains("the input is over 1048576 bytes"))
    }

    @Test func batchReadsAStreamInRoundsAndCutsAnEndlessLine() throws {
        let minter = try TokenMinter(.es256)
        let now = Int64(Date().timeIntervalSince1970)
        let token = try minter.mint(TokenMinter.claims(issuer: "https://issuer.test", now: now))
        // A 3 MiB line with no token in it (over the reader's 1 MiB line limit, so cut and its rest skipped),
        // blank lines, a CR LF line end, and no line feed after the last token.
        let endless = String(repeating: "A", count: 3 << 20)
        let input = [token, "", endless, token + "\r", "", "", token].joined(separator: "\n")
        let result = try inspect(
            ["--jwks", try jwksFile(minter), "--issuer", "https://issuer.test", "--batch"], input: input)
        let outcomes = try result.stdout.split(separator: "\n").map { try json(String($0))["outcome"]?.string ?? "" }
        #expect(outcomes == ["valid", "malformed", "valid", "valid"], "\(result.stderr)")
        #expect(result.stdout.utf8.count < 64 * 1024, "the long line is reported, not echoed")
        #expect(result.status == 4)
    }

    @Test func batchLinesAreTheJSONReportOnOneLine() throws {
        let minter = try TokenMinter(.es256)
        let now = Int64(Date().timeIntervalSince1970)
        let claims = JSONValue.object(TokenMinter.claims(issuer: "https://issuer.test", now: now)).serialized
        let tokens = [
            try token(minter),
            // A header over several lines is re-serialized, not copied.
            try minter.sign(header: "{\n\"alg\": \"ES256\",\n\"kid\": \"test-key\"\n}", payload: claims),
            // A payload that is not an object is reported as such.
            try minter.sign(header: #"{"alg":"ES256","kid":"test-key"}"#, payload: "[1, 2]"),
            try minter.sign(
                header: #"{"alg":"ES256","kid":"test-key"}"#, payload: #"{"iss":"https://issuer.test","name":"Zoë \"Z\" \u00e9"}"#
            ),
        ]
        let keys = ["--jwks", try jwksFile(minter), "--issuer", "https://issuer.test", "--now", String(now)]
        let batch = try inspect(keys + ["--batch"], input: tokens.joined(separator: "\n"))
        let lines = batch.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == tokens.count)
        for (token, line) in zip(tokens, lines) {
            let single = try inspect(keys + ["--json", token])
            #expect(try json(line) == json(single.stdout), "\(line)")
        }
    }
}
