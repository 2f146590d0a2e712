import IDTokenKit

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The report for people: header, claims, signature, checks, result. Colour only on a terminal, and never
/// when NO_COLOR is set. Every piece of text that may come from the token goes through `escapedForDisplay()`, here and
/// nowhere else, before the report's own colours are added.
struct HumanReport {
    struct Style {
        var color: Bool

        static func forStandardOutput() -> Style {
            Style(
                color: StandardStreams.isTerminal(StandardStreams.output)
                    && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
        }

        func paint(_ text: String, _ code: String) -> String {
            let text = text.escapedForDisplay()
            return color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
        func good(_ text: String) -> String { paint(text, "32") }
        func bad(_ text: String) -> String { paint(text, "31") }
        func muted(_ text: String) -> String { paint(text, "2") }
        func heading(_ text: String) -> String { paint(text, "1") }
    }

    let style: Style

    func render(_ result: Inspector.Result, requirements: ClaimRequirements, now: Int64) -> String {
        var out = ""
        switch result {
        case .malformed(let part, let message):
            out += style.bad("Malformed \(part): \(message)") + "\n"
        case .inspected(let inspection):
            out += style.heading("Header") + "\n"
            out += table(inspection.token.header.json.members ?? [], now: nil)
            if !inspection.ignoredKeyHints.isEmpty {
                out +=
                    style.muted(
                        "  (ignored: \(inspection.ignoredKeyHints.joined(separator: ", ")); keys never come from the token)")
                    + "\n"
            }
            out += "\n" + style.heading("Claims") + "\n"
            switch inspection.token.payload {
            case .object(let claims): out += table(claims.members ?? [], now: now)
            case .notAnObject(let reason, let text):
                out += "  " + style.bad("payload \(reason)") + "\n"
                if let text { out += "  " + text.prefix(200).escapedForDisplay() + "\n" }
            }
            out += "\n" + style.heading("Signature") + "\n" + "  " + signature(inspection.signature) + "\n"
            if !inspection.checks.isEmpty {
                out += "\n" + style.heading("Checks") + "\n"
                let width = inspection.checks.map(\.name.count).max() ?? 0
                for check in inspection.checks {
                    let mark: String
                    switch check.verdict {
                    case .passed: mark = style.good("✓")
                    case .failed: mark = style.bad("✗")
                    case .notChecked: mark = style.muted("–")
                    }
                    out += "  \(mark) \(check.name.padded(to: width))  \(check.detailForCommandLine.escapedForDisplay())\n"
                }
            }
        }
        out += "\n" + summary(result.outcome) + "\n"
        return out
    }

    private func table(_ members: [(String, JSONValue)], now: Int64?) -> String {
        let members = members.map { (($0.0).escapedForDisplay(), $0.1) }
        let width = members.map(\.0.count).max() ?? 0
        var out = ""
        for (name, value) in members {
            var text = value.string ?? value.serialized
            if let now, ["exp", "iat", "nbf", "auth_time"].containsBytes(of: name), let seconds = value.exactInteger {
                let delta = seconds.saturatingSubtracting(now)
                let phrase =
                    name == "exp" && delta < 0
                    ? "expired \(TimeWording.span(delta)) ago" : TimeWording.fromNow(delta)
                text = "\(seconds)  \(TimeWording.date(seconds)) (\(phrase))"
            }
            text = text.escapedForDisplay()
            if text.count > 400 { text = String(text.prefix(400)) + "…" }
            out += "  \(name.padded(to: width))  \(text)\n"
        }
        return out
    }

    private func signature(_ verdict: SignatureVerdict) -> String {
        switch verdict {
        case .valid(let algorithm, let keyID, let description, let source, _):
            return style.good("✓ valid")
                + ": \(algorithm.rawValue) with \(description) key\(keyID.map { " \"\($0)\"" } ?? "") from \(source)"
                .escapedForDisplay()
        case .invalid(let reason): return style.bad("✗ invalid") + ": " + reason.escapedForDisplay()
        case .unverifiable(let reason):
            return style.bad("? not verified") + ": " + reason.escapedForDisplay()
        case .keysUnavailable(let error):
            return style.bad("? not verified") + ": " + error.description.escapedForDisplay()
        case .notChecked: return style.muted("– not verified (--no-verify): nothing about this token was verified")
        }
    }

    private func summary(_ outcome: Outcome) -> String {
        switch outcome {
        case .valid: return style.good("Result: valid (exit 0)")
        case .signatureInvalid: return style.bad("Result: signature invalid (exit 1)")
        case .claimsFailed: return style.bad("Result: claims failed (exit 2)")
        case .unverifiable: return style.bad("Result: could not verify (exit 3)")
        case .malformed: return style.bad("Result: malformed input (exit 4)")
        }
    }
}
