/// Which part of a token a problem is in, so messages can point at it.
public enum TokenPart: String, Sendable {
    case token, header, payload, signature
}

/// A token that could not be decoded: which part, and why.
public struct MalformedToken: Error, Equatable, CustomStringConvertible, Sendable {
    public let part: TokenPart
    public let message: String

    package init(_ part: TokenPart, _ message: String) {
        self.part = part
        self.message = message
    }

    public var description: String { part == .token ? message : "\(part.rawValue): \(message)" }
}

/// The protected header of a JWS, with what the verifier acts on pulled out.
public struct JOSEHeader: Sendable {
    public let json: JSONValue
    public let algorithm: String
    public let keyID: String?
    public let type: String?
    /// Header members that point at keys (`jku`, `x5u`, `jwk`, `x5c`). They are reported, never used.
    package let keyHints: [String]

    /// Header parameters this verifier understands, for `crit` (RFC 7515 §4.1.11). `crit` may not name itself.
    static let understood = ["alg", "kid", "typ", "cty", "jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256"]

    package init(_ json: JSONValue) throws(MalformedToken) {
        guard case .object = json else { throw MalformedToken(.header, "is a JSON \(json.typeName), not an object") }
        guard let algorithm = json["alg"]?.string else { throw MalformedToken(.header, "has no `alg` string") }
        if let keyID = json["kid"], keyID.string == nil { throw MalformedToken(.header, "`kid` is not a string") }
        if let type = json["typ"], type.string == nil { throw MalformedToken(.header, "`typ` is not a string") }
        if let critical = json["crit"] {
            guard let names = critical.array, !names.isEmpty, names.allSatisfy({ $0.string != nil }) else {
                throw MalformedToken(.header, "`crit` must be a non-empty array of names")
            }
        }
        self.json = json
        self.algorithm = algorithm
        self.keyID = json["kid"]?.string
        self.type = json["typ"]?.string
        self.keyHints = ["jku", "x5u", "jwk", "x5c"].filter { json[$0] != nil }
    }

    /// `crit` names this verifier does not understand; a token with any is rejected.
    package var unknownCriticalParameters: [String] {
        (json["crit"]?.array ?? []).compactMap(\.string).filter { !Self.understood.containsBytes(of: $0) }
    }
}

/// A JWS in compact serialization, decoded but not yet verified.
package struct CompactToken: Sendable {
    /// Larger inputs are refused before any decoding. ID tokens are a few kilobytes.
    package static let maximumLength = 64 * 1024

    package enum Payload: Sendable {
        case object(JSONValue)
        /// The payload decoded, but is not a JSON object (or is empty, which RFC 7515 allows for a JWS but an ID
        /// token cannot be): the reason, and the text when it is UTF-8.
        case notAnObject(reason: String, text: String?)
    }

    package let header: JOSEHeader
    package let payload: Payload
    package let signature: [UInt8]
    /// The decoded header and payload as they came, e.g. to copy into a report without serializing again.
    package let headerBytes: [UInt8]
    package let payloadBytes: [UInt8]
    /// `header.payload` as ASCII bytes, what the signature covers.
    package let signingInput: [UInt8]

    package init(_ token: String) throws(MalformedToken) {
        guard token.utf8.count <= Self.maximumLength else {
            throw MalformedToken(.token, "is \(token.utf8.count) bytes, over the \(Self.maximumLength)-byte limit")
        }
        let bytes = Array(token.utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: ".") {
            parts.append(bytes[partStart..<index])
            partStart = index + 1
        }
        parts.append(bytes[partStart...])
        guard parts.count == 3 else {
            throw MalformedToken(
                .token,
                parts.count == 5
                    ? "has 5 parts: it is an encrypted JWE, not a signed ID token"
                    : "has \(parts.count) part\(parts.count == 1 ? "" : "s"); a signed JWT has 3 (header.payload.signature)")
        }
        let headerBytes = try Self.decode(parts[0], .header)
        let header: JSONValue
        do {
            header = try StrictJSON.parse(headerBytes)
        } catch {
            throw MalformedToken(.header, "is not valid JSON: \(error)")
        }
        self.header = try JOSEHeader(header)
        self.headerBytes = headerBytes
        if header["b64"] != nil {
            // RFC 7797 unencoded payloads are not JWTs.
            throw MalformedToken(.header, "`b64` is set; unencoded payloads (RFC 7797) are not accepted")
        }
        let payloadBytes = try Self.decode(parts[1], .payload)
        self.payloadBytes = payloadBytes
        if payloadBytes.isEmpty {
            payload = .notAnObject(reason: "is empty", text: "")
        } else {
            do {
                let json = try StrictJSON.parse(payloadBytes)
                if case .object = json {
                    payload = .object(json)
                } else {
                    payload = .notAnObject(
                        reason: "is a JSON \(json.typeName), not an object", text: String(validating: payloadBytes, as: UTF8.self)
                    )
                }
            } catch {
                payload = .notAnObject(
                    reason: "is not valid JSON: \(error)", text: String(validating: payloadBytes, as: UTF8.self))
            }
        }
        signature = try Self.decode(parts[2], .signature)
        signingInput = Array(bytes[..<parts[1].endIndex])
    }

    private static func decode(_ text: ArraySlice<UInt8>, _ part: TokenPart) throws(MalformedToken) -> [UInt8] {
        // An empty payload is a valid JWS (RFC 7515 §2); its signature is still checked and reported.
        if text.isEmpty && part == .header { throw MalformedToken(part, "is empty") }
        do {
            return try Base64URL.decode(bytes: text)
        } catch {
            throw MalformedToken(part, "is not base64url: it \(error)")
        }
    }
}
