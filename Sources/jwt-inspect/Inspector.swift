import IDTokenKit
import PastedInput

/// One token from raw input to a result: extraction, decoding, and verification unless --no-verify.
struct Inspector: Sendable {
    enum Result: Sendable {
        case inspected(Inspection)
        case malformed(part: String, message: String)

        var outcome: Outcome {
            switch self {
            case .inspected(let inspection): return inspection.outcome
            case .malformed: return .malformed
            }
        }
    }

    let requirements: ClaimRequirements
    let keys: (any KeyProvider)?
    let now: Int64

    enum Decoded: Sendable {
        case token(CompactToken)
        case malformed(Result)
    }

    /// The token in `input`, decoded, or why not.
    func decode(_ input: String) -> Decoded {
        let text: String
        do {
            text = try TokenInput.extract(input)
        } catch {
            return .malformed(.malformed(part: "input", message: error.message))
        }
        do {
            return .token(try CompactToken(text))
        } catch {
            return .malformed(.malformed(part: error.part.rawValue, message: error.message))
        }
    }

    /// One token, fetching keys as needed.
    func inspect(_ input: String) async -> Result {
        switch decode(input) {
        case .malformed(let result): return result
        case .token(let token):
            guard let keys else { return .inspected(IDTokenVerifier.decodeOnly(token, requirements: requirements, now: now)) }
            return .inspected(await IDTokenVerifier(requirements: requirements, keys: keys).inspect(token, now: now))
        }
    }

    /// One token against a key set at hand (nil with --no-verify): what a batch does on every core.
    func inspect(_ input: String, with set: JWKSet?) -> Result {
        switch decode(input) {
        case .malformed(let result): return result
        case .token(let token):
            guard let set else { return .inspected(IDTokenVerifier.decodeOnly(token, requirements: requirements, now: now)) }
            return .inspected(IDTokenVerifier.inspect(token, keys: set, requirements: requirements, now: now))
        }
    }
}

/// jwt-inspect's exit codes.
extension Outcome {
    var exitCode: Int32 {
        switch self {
        case .valid: return 0
        case .signatureInvalid: return 1
        case .claimsFailed: return 2
        case .unverifiable: return 3
        case .malformed: return 4
        }
    }

    static let usageExitCode: Int32 = 64
}

extension ClaimCheck {
    /// The library's detail, with the option that would check what was not checked.
    var detailForCommandLine: String {
        switch skip {
        case .noAudienceRequired: return detail + " (pass --audience: the demo's client_id is its page origin)"
        case .noNonceRequired: return detail + " (pass --nonce to compare)"
        default: return detail
        }
    }
}
