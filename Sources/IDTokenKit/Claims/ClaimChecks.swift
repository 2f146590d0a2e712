/// One relying-party check on a token and its verdict.
public struct ClaimCheck: Sendable, Equatable {
    /// What a check is about: a claim of the payload, or the `typ` header.
    public enum Claim: String, Sendable, CaseIterable {
        case type = "typ"
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case authorizedParty = "azp"
        case expiration = "exp"
        case issuedAt = "iat"
        case notBefore = "nbf"
        case nonce
        case authTime = "auth_time"
    }

    /// Why a check was not made: for jwt-inspect's advice; a server sees only `Verdict.notChecked`.
    package enum Skip: Sendable, Equatable {
        /// The token was inspected without an expected audience (jwt-inspect without `--audience`); a verifier
        /// always has one.
        case noAudienceRequired
        /// The token has a nonce and none was required.
        case noNonceRequired
        /// None was required and the token has none.
        case noNonceExpected
    }

    public enum Verdict: Sendable, Equatable {
        case passed, failed, notChecked
    }

    public let claim: Claim
    public let verdict: Verdict
    /// For a person: what was found, and what was expected when the check failed.
    public let detail: String
    /// Why it was not checked, when it was not.
    package let skip: Skip?

    package init(_ claim: Claim, _ verdict: Verdict, _ detail: String) {
        self.claim = claim
        self.verdict = verdict
        self.detail = detail
        skip = nil
    }

    package init(_ claim: Claim, skipped skip: Skip, _ detail: String) {
        self.claim = claim
        self.verdict = .notChecked
        self.detail = detail
        self.skip = skip
    }

    /// The claim's name as it appears in the token (`exp`, `auth_time`).
    public var name: String { claim.rawValue }
}

extension ClaimCheck.Verdict {
    /// `passed`, `failed` or `not-checked`, as jwt-inspect's JSON report names verdicts.
    package var reportName: String {
        switch self {
        case .passed: return "passed"
        case .failed: return "failed"
        case .notChecked: return "not-checked"
        }
    }
}

/// What the relying party expects of an ID token (OpenID Connect Core 3.1.3.7, RFC 7519 §4.1). The audience is
/// required: a verifier that did not check it would accept tokens that the issuer minted for any other app.
public struct ClaimRequirements: Sendable {
    public let issuer: String
    /// Your client id, which `aud` must contain. For the Passwordless.ID demo, the page's origin.
    public let audience: String
    /// Allowed clock skew, in seconds.
    public let leeway: Int64
    public let nonce: String?
    /// Seconds since `auth_time` after which the sign-in is too old (`max_age`).
    public let maxAge: Int64?
    /// False only for a report of a token inspected without an audience (jwt-inspect); never for a verifier.
    package let checksAudience: Bool

    /// What a relying party requires of a token.
    /// - Parameters:
    ///   - issuer: `iss` must be exactly this (byte for byte).
    ///   - audience: your client id, which `aud` must contain; an empty one matches no token.
    ///   - leeway: the clock skew allowed on `exp`, `iat`, `nbf` and `auth_time`, in seconds.
    ///   - nonce: the nonce the token must carry (the one your sign-in request sent), or nil.
    ///   - maxAge: the most seconds since `auth_time` (the sign-in) that are accepted, or nil.
    public init(issuer: String, audience: String, leeway: Int64 = 60, nonce: String? = nil, maxAge: Int64? = nil) {
        self.init(issuer: issuer, audienceIfChecked: audience, leeway: leeway, nonce: nonce, maxAge: maxAge)
    }

    /// Requirements for inspecting a token: with a nil audience the `aud` check is reported as not made.
    package init(
        issuer: String, audienceIfChecked audience: String?, leeway: Int64 = 60, nonce: String? = nil, maxAge: Int64? = nil
    ) {
        self.issuer = issuer
        self.audience = audience ?? ""
        self.checksAudience = audience != nil
        self.leeway = leeway
        self.nonce = nonce
        self.maxAge = maxAge
    }

    /// Runs every check, so that a report lists each failure rather than the first.
    /// - Parameter describingPasses: false leaves passing checks without a detail (a server needs only the
    ///   failures, and describing dates costs about as much as the checks themselves).
    package func check(header: JOSEHeader, claims: JSONValue, now: Int64, describingPasses: Bool = true) -> [ClaimCheck] {
        var checks: [ClaimCheck] = []
        checks.append(typeCheck(header))
        checks.append(issuerCheck(claims["iss"]))
        if let subject = claims["sub"] {
            checks.append(
                subject.string.map { ClaimCheck(.subject, .passed, describingPasses ? "present: \($0)" : "") }
                    ?? ClaimCheck(.subject, .failed, "is not a string"))
        } else {
            checks.append(ClaimCheck(.subject, .failed, "missing; an ID token must name its subject"))
        }
        checks += audienceChecks(claims["aud"], authorizedParty: claims["azp"], describingPasses: describingPasses)
        checks.append(
            timeCheck(.expiration, claims["exp"], required: true, now: now, describingPasses: describingPasses) { exp in
                now < exp.saturatingAdding(leeway) ? nil : "expired \(TimeWording.span(now.saturatingSubtracting(exp))) ago"
            })
        checks.append(
            timeCheck(.issuedAt, claims["iat"], required: true, now: now, describingPasses: describingPasses) { iat in
                iat <= now.saturatingAdding(leeway)
                    ? nil : "issued \(TimeWording.span(iat.saturatingSubtracting(now))) in the future"
            })
        if claims["nbf"] != nil {
            checks.append(
                timeCheck(.notBefore, claims["nbf"], required: false, now: now, describingPasses: describingPasses) { nbf in
                    nbf <= now.saturatingAdding(leeway)
                        ? nil : "not valid for another \(TimeWording.span(nbf.saturatingSubtracting(now)))"
                })
        }
        checks.append(nonceCheck(claims["nonce"]))
        if let maxAge {
            checks.append(
                timeCheck(.authTime, claims["auth_time"], required: true, now: now, describingPasses: describingPasses) {
                    authTime in
                    now <= authTime.saturatingAdding(maxAge).saturatingAdding(leeway)
                        ? nil
                        : "the sign-in was \(TimeWording.span(now.saturatingSubtracting(authTime))) ago, over max_age \(maxAge) s"
                })
        }
        return checks
    }

    private func typeCheck(_ header: JOSEHeader) -> ClaimCheck {
        guard let type = header.type else { return ClaimCheck(.type, .passed, "absent (allowed)") }
        // Media types compare case-insensitively (RFC 7515 §4.1.9), but only in ASCII.
        let upper = type.utf8.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) ? $0 - 32 : $0 }
        return upper.elementsEqual("JWT".utf8)
            ? ClaimCheck(.type, .passed, "JWT") : ClaimCheck(.type, .failed, "is \"\(type)\", not JWT")
    }

    private func issuerCheck(_ value: JSONValue?) -> ClaimCheck {
        guard let value else { return ClaimCheck(.issuer, .failed, "missing; expected \(issuer)") }
        guard let actual = value.string else { return ClaimCheck(.issuer, .failed, "is not a string") }
        return actual.hasSameBytes(as: issuer)
            ? ClaimCheck(.issuer, .passed, actual) : ClaimCheck(.issuer, .failed, "is \(actual), expected \(issuer)")
    }

    private func audienceChecks(_ value: JSONValue?, authorizedParty: JSONValue?, describingPasses: Bool) -> [ClaimCheck] {
        let audiences: [String]
        switch value {
        case .string(let single)?: audiences = [single]
        case .array(let values)? where !values.isEmpty && values.allSatisfy({ $0.string != nil }):
            audiences = values.compactMap(\.string)
        case nil: return [ClaimCheck(.audience, .failed, "missing")]
        default: return [ClaimCheck(.audience, .failed, "must be a string or a non-empty array of strings")]
        }
        guard checksAudience else {
            return [
                ClaimCheck(
                    .audience, skipped: .noAudienceRequired,
                    "not checked: no audience was required; the token has \(audiences.joined(separator: ", "))")
            ]
        }
        // An empty setting (an unset environment variable, say) is a mistake to be told about, not a wildcard.
        guard !audience.isEmpty else {
            return [ClaimCheck(.audience, .failed, "cannot match: the verifier's audience is empty; set it to your client id")]
        }
        var checks = [
            audiences.containsBytes(of: audience)
                ? ClaimCheck(.audience, .passed, describingPasses ? "contains \(audience)" : "")
                : ClaimCheck(.audience, .failed, "is \(audiences.joined(separator: ", ")), not \(audience)")
        ]
        if let authorizedParty {
            if let party = authorizedParty.string, party.hasSameBytes(as: audience) {
                checks.append(ClaimCheck(.authorizedParty, .passed, audience))
            } else {
                checks.append(
                    ClaimCheck(
                        .authorizedParty, .failed, "is \(authorizedParty.string ?? authorizedParty.serialized), not \(audience)"))
            }
        } else if audiences.count > 1 {
            checks.append(ClaimCheck(.authorizedParty, .failed, "missing, but the token has \(audiences.count) audiences"))
        }
        return checks
    }

    private func nonceCheck(_ value: JSONValue?) -> ClaimCheck {
        guard let nonce else {
            return value == nil
                ? ClaimCheck(.nonce, skipped: .noNonceExpected, "not checked: none expected, none present")
                : ClaimCheck(.nonce, skipped: .noNonceRequired, "not checked: no nonce was required")
        }
        guard let actual = value?.string else { return ClaimCheck(.nonce, .failed, "missing; expected \(nonce)") }
        return actual.hasSameBytes(as: nonce)
            ? ClaimCheck(.nonce, .passed, "matches") : ClaimCheck(.nonce, .failed, "is \(actual), expected \(nonce)")
    }

    private func timeCheck(
        _ claim: ClaimCheck.Claim, _ value: JSONValue?, required: Bool, now: Int64, describingPasses: Bool,
        problem: (Int64) -> String?
    ) -> ClaimCheck {
        guard let value else {
            return ClaimCheck(claim, required ? .failed : .passed, required ? "missing" : "absent")
        }
        guard let seconds = value.exactInteger else {
            return ClaimCheck(
                claim, .failed, "is not a NumericDate (whole seconds since 1970 within ±2^53): \(value.serialized.prefix(60))")
        }
        if let problem = problem(seconds) { return ClaimCheck(claim, .failed, "\(TimeWording.date(seconds)): \(problem)") }
        guard describingPasses else { return ClaimCheck(claim, .passed, "") }
        let delta = seconds.saturatingSubtracting(now)
        return ClaimCheck(claim, .passed, "\(TimeWording.date(seconds)) (\(TimeWording.fromNow(delta)))")
    }
}
