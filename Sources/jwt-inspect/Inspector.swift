import IDTokenKit

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

    func inspect(_ input: String) -> Result {
        let text: String
        do {
            text = try TokenInput.extract(input)
        } catch {
            return .malformed(part: "input", message: error.message)
        }
        let token: CompactToken
        do {
            token = try CompactToken(text)
        } catch {
            return .malformed(part: error.part.rawValue, message: error.message)
        }
        guard let keys else { return .inspected(IDTokenVerifier.decodeOnly(token, requirements: requirements, now: now)) }
        return .inspected(IDTokenVerifier(requirements: requirements, keys: keys).inspect(token, now: now))
    }
}
