import ArgumentParser
import IDTokenKit
import IssuerKeys

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@main
struct JWTInspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwt-inspect",
        abstract: "Decode an OpenID Connect id_token and verify it as a relying party must.",
        discussion: """
            The token may be the JWT itself, `Bearer <token>`, the redirect URL with #id_token=…, or the demo's
            user JSON. With no argument (or `-`) it is read from standard input.

            Keys come from the issuer's discovery document (default https://api.passwordless.id), or from
            --jwks, --key or --secret; never from the token.

            Exit codes: 0 valid; 1 signature invalid; 2 claims failed; 3 could not verify (no key, fetch
            failed, unsupported algorithm); 4 malformed input; 64 usage error.
            """)

    @Argument(help: "The token, or `-` for standard input.")
    var token: String?

    @Option(help: "Expected issuer; its discovery document gives the keys.")
    var issuer = "https://api.passwordless.id"

    @Option(help: "JWKS to verify with, as a file or an https URL (instead of discovery).")
    var jwks: String?

    @Option(help: "A public key file (PEM or JWK) to verify with.")
    var key: String?

    @Option(help: "An HMAC secret (HS256/384/512 only).")
    var secret: String?

    @Option(help: "Expected audience: your client_id (for the demo, its page origin).")
    var audience: String?

    @Option(help: "Expected nonce.")
    var nonce: String?

    @Option(name: .customLong("max-age"), help: "Maximum seconds since auth_time.")
    var maxAge: Int64?

    @Option(help: "Allowed clock skew in seconds.")
    var leeway: Int64 = 60

    @Option(help: "Evaluate times at this moment (ISO 8601 or seconds since 1970) instead of now.")
    var now: String?

    @Flag(name: .customLong("no-verify"), help: "Only decode; verify nothing (works offline).")
    var noVerify = false

    @Flag(help: "Use cached keys only; never fetch.")
    var offline = false

    @Flag(help: "Print one JSON object instead of the report.")
    var json = false

    @Flag(help: "Read tokens one per line from stdin; print one JSON line per token, in order.")
    var batch = false

    func validate() throws {
        if [jwks, key, secret].compactMap({ $0 }).count > 1 {
            throw ValidationError("give at most one of --jwks, --key and --secret")
        }
        if batch && token != nil { throw ValidationError("--batch reads tokens from standard input; give no token argument") }
        // Seconds as NumericDate holds them (±2^53): no later sum of times can then reach the ends of Int64.
        let span = Self.maximumSeconds
        if !(0...span).contains(leeway) { throw ValidationError("--leeway must be between 0 and \(span) seconds") }
        if let maxAge, !(0...span).contains(maxAge) {
            throw ValidationError("--max-age must be between 0 and \(span) seconds")
        }
        if let now {
            guard let moment = Self.parseTime(now) else {
                throw ValidationError("--now \(now) is neither ISO 8601 nor seconds since 1970")
            }
            if !(-span...span).contains(moment) { throw ValidationError("--now must be within ±\(span) seconds of 1970") }
        }
    }

    func run() async throws {
        let moment = now.flatMap(Self.parseTime) ?? Int64(Date().timeIntervalSince1970)
        // Inspecting may go without an audience (the report then says `aud` was not checked); a server's verifier
        // may not.
        let requirements = ClaimRequirements(
            issuer: issuer, audienceIfChecked: audience, leeway: leeway, nonce: nonce, maxAge: maxAge)
        let keys: (any KeyProvider)?
        do {
            keys =
                noVerify ? nil : try KeyOptions(jwks: jwks, key: key, secret: secret, issuer: issuer, offline: offline).provider()
        } catch let error as KeyOptions.Problem {
            StandardStreams.writeError("jwt-inspect: \(error.message)\n")
            throw ExitCode(Outcome.usageExitCode)
        }
        let inspector = Inspector(requirements: requirements, keys: keys, now: moment)
        if batch {
            throw ExitCode(await BatchMode.run(inspector))
        }
        let input: String?
        if let token, token != "-" {
            input = token
        } else if token == nil && StandardStreams.isTerminal(StandardStreams.input) {
            throw ValidationError("give a token, or pipe one on standard input")
        } else {
            input = StandardStreams.readInput(limit: Self.inputLimit).map { String(decoding: $0, as: UTF8.self) }
        }
        let result: Inspector.Result
        if let input {
            result = await inspector.inspect(input)
        } else {
            result = .malformed(
                part: "input",
                message: "the input is over \(Self.inputLimit) bytes, far over the \(CompactToken.maximumLength)-byte token limit"
            )
        }
        if json {
            print(JSONReport.render(result, requirements: requirements))
        } else {
            print(
                HumanReport(style: .forStandardOutput()).render(result, requirements: requirements, now: moment), terminator: "")
        }
        throw ExitCode(result.outcome.exitCode)
    }

    static let maximumSeconds: Int64 = 1 << 53
    /// Standard input kept for one token: far more than any token or pasted form of one needs.
    static let inputLimit = 1 << 20

    static func parseTime(_ text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds }
        // A full date and time (offset or Z, fractions allowed), else a date alone at midnight UTC.
        let date =
            (try? Date.ISO8601FormatStyle().parse(text)) ?? (try? Date.ISO8601FormatStyle().year().month().day().parse(text))
        return date.flatMap { Int64(exactly: $0.timeIntervalSince1970.rounded(.down)) }
    }
}
