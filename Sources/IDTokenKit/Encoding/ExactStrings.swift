extension StringProtocol {
    /// Equal as UTF-8 bytes. Swift's `==` is canonical equivalence: it finds `https://Keys.test` equal to the same
    /// URL spelled with U+212A KELVIN SIGN. Protocol values (`iss`, `aud`, `nonce`, `kid`, `alg`…) must match
    /// exactly (OpenID Connect Core 3.1.3.7), so they are compared with this instead.
    public func hasSameBytes(as other: some StringProtocol) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether one element has the same bytes as `value` (see `hasSameBytes(as:)`).
    public func containsBytes(of value: some StringProtocol) -> Bool {
        contains { $0.hasSameBytes(as: value) }
    }
}
