import IDTokenKit

/// The `--json` object. Documented in the README; one shape for single tokens and `--batch` lines. It is written
/// straight into bytes (a batch prints one per token, and building a JSONValue tree for each cost a quarter of
/// a batch's time); the indented form for one token is that same line, parsed and indented.
enum JSONReport {
    /// The indented object, for one token.
    static func render(_ result: Inspector.Result, requirements: ClaimRequirements) -> String {
        var line: [UInt8] = []
        writeLine(result, requirements: requirements, into: &line)
        // One level more than a token may hold: the report wraps the header and payload.
        guard let value = try? StrictJSON.parse(line, maxDepth: StrictJSON.maxDepth + 2) else {
            return String(decoding: line, as: UTF8.self)
        }
        return value.pretty()
    }

    /// The object on one line, appended to `output`: what `--batch` prints for each token.
    static func writeLine(_ result: Inspector.Result, requirements: ClaimRequirements, into output: inout [UInt8]) {
        var json = JSONWriter(output: output)
        output = []
        json.openObject()
        json.member("outcome", string: name(result.outcome))
        json.member("exitCode", raw: String(result.outcome.exitCode))
        switch result {
        case .malformed(let part, let message):
            json.key("error")
            json.openObject()
            json.member("part", string: part)
            json.member("message", string: message)
            json.closeObject()
        case .inspected(let inspection):
            let token = inspection.token
            json.key("header")
            json.value(token.header.json, copying: token.headerBytes)
            switch token.payload {
            case .object(let claims):
                json.key("payload")
                json.value(claims, copying: token.payloadBytes)
            case .notAnObject(let reason, let text):
                json.member("payload", raw: "null")
                json.member("payloadError", string: "payload \(reason)")
                if let text { json.member("payloadText", string: text) }
            }
            json.key("signature")
            signature(inspection.signature, into: &json)
            json.key("checks")
            json.openArray()
            for check in inspection.checks {
                json.openObject()
                json.member("name", string: check.name)
                json.member("verdict", string: check.verdict.reportName)
                json.member("detail", string: check.detailForCommandLine)
                json.closeObject()
            }
            json.closeArray()
            json.member("expectedIssuer", string: requirements.issuer)
            json.member("audienceChecked", raw: requirements.checksAudience ? "true" : "false")
            if !inspection.ignoredKeyHints.isEmpty {
                json.key("ignoredHeaderParameters")
                json.openArray()
                for hint in inspection.ignoredKeyHints { json.string(hint) }
                json.closeArray()
            }
        }
        json.closeObject()
        output = json.output
    }

    private static func signature(_ verdict: SignatureVerdict, into json: inout JSONWriter) {
        json.openObject()
        switch verdict {
        case .valid(let algorithm, let keyID, let description, let source, _):
            json.member("verdict", string: "valid")
            json.member("algorithm", string: algorithm.rawValue)
            json.key("key")
            json.openObject()
            if let keyID { json.member("kid", string: keyID) } else { json.member("kid", raw: "null") }
            json.member("type", string: description)
            json.member("source", string: source)
            json.closeObject()
        case .invalid(let reason):
            json.member("verdict", string: "invalid")
            json.member("reason", string: reason)
        case .unverifiable(let reason):
            json.member("verdict", string: "unverifiable")
            json.member("reason", string: reason)
        case .keysUnavailable(let error):
            json.member("verdict", string: "unverifiable")
            json.member("reason", string: error.description)
        case .notChecked:
            json.member("verdict", string: "not-checked")
            json.member("reason", string: "--no-verify: nothing was verified")
        }
        json.closeObject()
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

/// Compact JSON written member by member into a byte buffer, with the commas in the right places.
struct JSONWriter {
    var output: [UInt8]
    /// For each open object or array, whether it holds a value yet.
    private var hasValue: [Bool] = []
    /// A member name was written; its value comes next, without a comma.
    private var afterKey = false

    init(output: [UInt8]) { self.output = output }

    /// Before any value: a comma when the container already has one.
    private mutating func valueStart() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = hasValue.last {
            if last { output.append(UInt8(ascii: ",")) }
            hasValue[hasValue.count - 1] = true
        }
    }

    mutating func openObject() {
        valueStart()
        output.append(UInt8(ascii: "{"))
        hasValue.append(false)
    }

    mutating func closeObject() {
        output.append(UInt8(ascii: "}"))
        hasValue.removeLast()
    }

    mutating func openArray() {
        valueStart()
        output.append(UInt8(ascii: "["))
        hasValue.append(false)
    }

    mutating func closeArray() {
        output.append(UInt8(ascii: "]"))
        hasValue.removeLast()
    }

    /// A member name; its value comes next.
    mutating func key(_ name: StaticString) {
        valueStart()
        output.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterKey = true
    }

    mutating func string(_ text: String) {
        valueStart()
        JSONValue.quote(text, into: &output)
    }

    mutating func member(_ name: StaticString, string text: String) {
        key(name)
        string(text)
    }

    /// A literal, number or `null`, written as given.
    mutating func member(_ name: StaticString, raw text: String) {
        key(name)
        valueStart()
        output.append(contentsOf: text.utf8)
    }

    /// A decoded value; its source bytes are copied as they are when they are already what `value` would write
    /// (JSON on one line with nothing to escape for a terminal), which saves serializing it again.
    mutating func value(_ value: JSONValue, copying source: [UInt8]) {
        valueStart()
        if source.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 >= 0x7F }) {
            value.write(into: &output)
        } else {
            output += source
        }
    }
}
