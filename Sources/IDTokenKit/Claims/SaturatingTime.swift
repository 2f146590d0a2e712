/// Arithmetic on seconds that come from outside (claims, options, cache files): it saturates at the ends of
/// `Int64` instead of trapping, so `exp: -9223372036854775808` is an expired token, not a crashed process.
extension Int64 {
    package func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    package func saturatingSubtracting(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : difference
    }
}
