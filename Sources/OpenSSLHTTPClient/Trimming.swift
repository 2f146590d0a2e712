extension StringProtocol {
    /// Without leading and trailing white space (Unicode's, line breaks included): what `trimmingCharacters(in:)`
    /// does, without needing all of Foundation.
    func trimmingWhitespace() -> String {
        trimming { $0.isWhitespace }
    }

    func trimming(_ shouldTrim: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !shouldTrim($0) }), let last = lastIndex(where: { !shouldTrim($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
