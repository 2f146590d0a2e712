import IDTokenKit

/// The `--json` object. Documented in the README; one shape for single tokens and `--batch` lines.
enum JSONReport {
    /// The indented object, for one token.
    static func render(_ result: Inspector.Result, requirements: ClaimRequirements) -> String {
        object(result, requirements: requirements).pretty()
    }

    /// The object on one line, appended to `output`: what `--batch` prints for each token.
    static func writeLine(_ result: Inspector.Result, requirements: ClaimRequirements, into output: inout [UInt8]) {
        let value = object(result, requirements: requirements)
        guard case .inspected(let inspection) = result, case .object(let members) = value else {
            value.write(into: &output)
            return
        }
        // Batches print thousands of these: the decoded header and payload are valid JSON already, so they are
        // copied as they are unless they span lines.
        output.append(UInt8(ascii: "{"))
        for (index, (name, member)) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.string(name).write(into: &output)
            output.append(UInt8(ascii: ":"))
            if name == "header", isCopyable(inspection.token.headerBytes) {
                output += inspection.token.headerBytes
            } else if name == "payload", case .object = inspection.token.payload,
                isCopyable(inspection.token.payloadBytes)
            {
                output += inspection.token.payloadBytes
            } else {
                member.write(into: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// On one line, and with nothing `JSONValue` would escape for a terminal (DEL, and any non-ASCII text, which
    /// may hold C1 controls or bidirectional overrides).
    private static func isCopyable(_ bytes: [UInt8]) -> Bool {
        !bytes.contains { $0 == 0x0A || $0 == 0x0D || $0 >= 0x7F }
    }

    static func object(_ result: Inspector.Result, requirements: ClaimRequirements) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("outcome", .string(name(result.outcome))), ("exitCode", .number(String(result.outcome.exitCode))),
        ]
        switch result {
        case .malformed(let part, let message):
            members.append(("error", .object([("part", .string(part)), ("message", .string(message))])))
        case .inspected(let inspection):
            members.append(("header", inspection.token.header.json))
            switch inspection.token.payload {
            case .object(let claims): members.append(("payload", claims))
            case .notAnObject(let reason, let text):
                members.append(("payload", .null))
                members.append(("payloadError", .string("payload \(reason)")))
                if let text { members.append(("payloadText", .string(text))) }
            }
            members.append(("signature", signature(inspection.signature)))
            members.append(
                (
                    "checks",
                    .array(
                        inspection.checks.map {
                            .object([
                                ("name", .string($0.name)), ("verdict", .string($0.verdict.rawValue)),
                                ("detail", .string($0.detailForCommandLine)),
                            ])
                        })
                ))
            members.append(("expectedIssuer", .string(requirements.issuer)))
            members.append(("audienceChecked", .bool(requirements.audience != nil)))
            if !inspection.ignoredKeyHints.isEmpty {
                members.append(("ignoredHeaderParameters", .array(inspection.ignoredKeyHints.map { .string($0) })))
            }
        }
        return .object(members)
    }

    static func signature(_ verdict: SignatureVerdict) -> JSONValue {
        switch verdict {
        case .valid(let algorithm, let keyID, let description, let source):
            return .object([
                ("verdict", .string("valid")), ("algorithm", .string(algorithm.rawValue)),
                (
                    "key",
                    .object([
                        ("kid", keyID.map { .string($0) } ?? .null), ("type", .string(description)), ("source", .string(source)),
                    ])
                ),
            ])
        case .invalid(let reason): return .object([("verdict", .string("invalid")), ("reason", .string(reason))])
        case .unverifiable(let reason): return .object([("verdict", .string("unverifiable")), ("reason", .string(reason))])
        case .notChecked:
            return .object([("verdict", .string("not-checked")), ("reason", .string("--no-verify: nothing was verified"))])
        }
    }

    static func name(_ outcome: Outcome) -> String {
        switch outcome {
        case .valid: return "valid"
        case .signatureInvalid: return "signature-invalid"
        case .claimsFailed: return "claims-failed"
        case .unverifiable: return "unverifiable"
        case .malformed: return "malformed"
        }
    }
}
