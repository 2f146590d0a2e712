/// One relying-party check on a token and its verdict.
public struct ClaimCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        case passed, failed
        /// Not checked, with the reason in `detail` (no audience or nonce was required…).
        case notChecked = "not-checked"
    }

    public let name: String
    public let verdict: Verdict
    public let detail: String

    public init(_ name: String, _ verdict: Verdict, _ detail: String) {
        self.name = name
        self.verdict = verdict
        self.detail = detail
    }
}

/// What the relying party expects of an ID token (OpenID Connect Core 3.1.3.7, RFC 7519 §4.1).
public struct ClaimRequirements: Sendable {
    public var issuer: String
    public var audience: String?
    /// Allowed clock skew, in seconds.
    public var leeway: Int64
    public var nonce: String?
    /// Seconds since `auth_time` after which the sign-in is too old (`max_age`).
    public var maxAge: Int64?

    public init(issuer: String, audience: String? = nil, leeway: Int64 = 60, nonce: String? = nil, maxAge: Int64? = nil) {
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.nonce = nonce
        self.maxAge = maxAge
    }

    /// Runs every check, so that a report lists each failure rather than the first.
    /// - Parameter describingPasses: false leaves passing checks without a detail (a server needs only the
    ///   failures, and describing dates costs about as much as the checks themselves).
    public func check(header: JOSEHeader, claims: JSONValue, now: Int64, describingPasses: Bool = true) -> [ClaimCheck] {
        var checks: [ClaimCheck] = []
        checks.append(typeCheck(header))
        checks.append(issuerCheck(claims["iss"]))
        if let subject = claims["sub"] {
            checks.append(
                subject.string.map { ClaimCheck("sub", .passed, describingPasses ? "present: \($0)" : "") }
                    ?? ClaimCheck("sub", .failed, "is not a string"))
        } else {
            checks.append(ClaimCheck("sub", .failed, "missing; an ID token must name its subject"))
        }
        checks += audienceChecks(claims["aud"], authorizedParty: claims["azp"], describingPasses: describingPasses)
        checks.append(
            timeCheck("exp", claims["exp"], required: true, now: now, describingPasses: describingPasses) { exp in
                now < exp.saturatingAdding(leeway) ? nil : "expired \(Self.relative(now.saturatingSubtracting(exp))) ago"
            })
        checks.append(
            timeCheck("iat", claims["iat"], required: true, now: now, describingPasses: describingPasses) { iat in
                iat <= now.saturatingAdding(leeway)
                    ? nil : "issued \(Self.relative(iat.saturatingSubtracting(now))) in the future"
            })
        if claims["nbf"] != nil {
            checks.append(
                timeCheck("nbf", claims["nbf"], required: false, now: now, describingPasses: describingPasses) { nbf in
                    nbf <= now.saturatingAdding(leeway)
                        ? nil : "not valid for another \(Self.relative(nbf.saturatingSubtracting(now)))"
                })
        }
        checks.append(nonceCheck(claims["nonce"]))
        if let maxAge {
            checks.append(
                timeCheck("auth_time", claims["auth_time"], required: true, now: now, describingPasses: describingPasses) {
                    authTime in
                    now <= authTime.saturatingAdding(maxAge).saturatingAdding(leeway)
                        ? nil
                        : "the sign-in was \(Self.relative(now.saturatingSubtracting(authTime))) ago, over max_age \(maxAge) s"
                })
        }
        return checks
    }

    /// The detail of a nonce check when the token has a nonce and none was required.
    public static let nonceNotRequired = "not checked: no nonce was required"

    private func typeCheck(_ header: JOSEHeader) -> ClaimCheck {
        guard let type = header.type else { return ClaimCheck("typ", .passed, "absent (allowed)") }
        // Media types compare case-insensitively (RFC 7515 §4.1.9), but only in ASCII.
        let upper = type.utf8.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) ? $0 - 32 : $0 }
        return upper.elementsEqual("JWT".utf8)
            ? ClaimCheck("typ", .passed, "JWT") : ClaimCheck("typ", .failed, "is \"\(type)\", not JWT")
    }

    private func issuerCheck(_ value: JSONValue?) -> ClaimCheck {
        guard let value else { return ClaimCheck("iss", .failed, "missing; expected \(issuer)") }
        guard let actual = value.string else { return ClaimCheck("iss", .failed, "is not a string") }
        return actual.hasSameBytes(as: issuer)
            ? ClaimCheck("iss", .passed, actual) : ClaimCheck("iss", .failed, "is \(actual), expected \(issuer)")
    }

    private func audienceChecks(_ value: JSONValue?, authorizedParty: JSONValue?, describingPasses: Bool) -> [ClaimCheck] {
        let audiences: [String]
        switch value {
        case .string(let single)?: audiences = [single]
        case .array(let values)? where !values.isEmpty && values.allSatisfy({ $0.string != nil }):
            audiences = values.compactMap(\.string)
        case nil: return [ClaimCheck("aud", .failed, "missing")]
        default: return [ClaimCheck("aud", .failed, "must be a string or a non-empty array of strings")]
        }
        guard let audience else {
            return [
                ClaimCheck(
                    "aud", .notChecked,
                    "not checked: no audience was required; the token has \(audiences.joined(separator: ", "))"
                )
            ]
        }
        var checks = [
            audiences.containsBytes(of: audience)
                ? ClaimCheck("aud", .passed, describingPasses ? "contains \(audience)" : "")
                : ClaimCheck("aud", .failed, "is \(audiences.joined(separator: ", ")), not \(audience)")
        ]
        if let authorizedParty {
            if let party = authorizedParty.string, party.hasSameBytes(as: audience) {
                checks.append(ClaimCheck("azp", .passed, audience))
            } else {
                checks.append(
                    ClaimCheck("azp", .failed, "is \(authorizedParty.string ?? authorizedParty.serialized), not \(audience)"))
            }
        } else if audiences.count > 1 {
            checks.append(ClaimCheck("azp", .failed, "missing, but the token has \(audiences.count) audiences"))
        }
        return checks
    }

    private func nonceCheck(_ value: JSONValue?) -> ClaimCheck {
        guard let nonce else {
            return ClaimCheck(
                "nonce", .notChecked,
                value == nil ? "not checked: none expected, none present" : Self.nonceNotRequired)
        }
        guard let actual = value?.string else { return ClaimCheck("nonce", .failed, "missing; expected \(nonce)") }
        return actual.hasSameBytes(as: nonce)
            ? ClaimCheck("nonce", .passed, "matches") : ClaimCheck("nonce", .failed, "is \(actual), expected \(nonce)")
    }

    private func timeCheck(
        _ name: String, _ value: JSONValue?, required: Bool, now: Int64, describingPasses: Bool, problem: (Int64) -> String?
    ) -> ClaimCheck {
        guard let value else {
            return ClaimCheck(name, required ? .failed : .passed, required ? "missing" : "absent")
        }
        guard let seconds = value.exactInteger else {
            return ClaimCheck(
                name, .failed, "is not a NumericDate (whole seconds since 1970 within ±2^53): \(value.serialized.prefix(60))")
        }
        if let problem = problem(seconds) { return ClaimCheck(name, .failed, "\(Self.date(seconds)): \(problem)") }
        guard describingPasses else { return ClaimCheck(name, .passed, "") }
        let when = Self.date(seconds)
        let delta = seconds.saturatingSubtracting(now)
        return ClaimCheck(
            name, .passed, "\(when) (\(Self.fromNow(delta)))")
    }

    /// `2026-11-25 18:34:00 UTC`, computed without Foundation so that the library stays small. Any `Int64` works.
    public static func date(_ seconds: Int64) -> String {
        let remainder = seconds % 86_400
        let days = seconds / 86_400 - (remainder < 0 ? 1 : 0)
        let secondsOfDay = remainder < 0 ? remainder + 86_400 : remainder
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Written digit by digit: reports show several dates per token, and a batch has many tokens.
        var text = Array("\(year)".utf8)
        func two(_ value: Int64, after separator: Character) {
            text.append(UInt8(ascii: separator.unicodeScalars.first!))
            text.append(UInt8(truncatingIfNeeded: 0x30 + value / 10))
            text.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
        }
        two(month, after: "-")
        two(day, after: "-")
        two(secondsOfDay / 3600, after: " ")
        two(secondsOfDay / 60 % 60, after: ":")
        two(secondsOfDay % 60, after: ":")
        text += " UTC".utf8
        return String(decoding: text, as: UTF8.self)
    }

    /// "in 54 min", "3 h ago", or "now" for a time `delta` seconds from now.
    public static func fromNow(_ delta: Int64) -> String {
        delta == 0 ? "now" : delta > 0 ? "in \(relative(delta))" : "\(relative(delta)) ago"
    }

    /// `54 min`, `3 h`, `12 s`, `5 d`, for a span of `seconds` either way (the sign is dropped).
    public static func relative(_ seconds: Int64) -> String {
        let seconds = seconds.magnitude
        switch seconds {
        case ..<120: return "\(seconds) s"
        case ..<7200: return "\(seconds / 60) min"
        case ..<172_800: return "\(seconds / 3600) h"
        default: return "\(seconds / 86_400) d"
        }
    }
}
