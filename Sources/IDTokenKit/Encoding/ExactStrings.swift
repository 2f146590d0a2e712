extension StringProtocol {
    /// Equal as UTF-8 bytes. Swift's `==` is canonical equivalence: it finds `https://Keys.test` equal to the same
    /// URL spelled with U+212A KELVIN SIGN. Protocol values (`iss`, `aud`, `nonce`, `kid`, `alg`…) must match
    /// exactly (OpenID Connect Core 3.1.3.7), so they are compared with this instead.
    @inlinable
    package func hasSameBytes(as other: some StringProtocol) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        // Native strings are contiguous UTF-8: compare the buffers (claims are looked up by name for every token).
        let compared = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in lhs.elementsEqual(rhs) }
        }
        return (compared ?? nil) ?? utf8.elementsEqual(other.utf8)
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether one element has the same bytes as `value` (see `hasSameBytes(as:)`).
    @inlinable
    package func containsBytes(of value: some StringProtocol) -> Bool {
        contains { $0.hasSameBytes(as: value) }
    }
}
