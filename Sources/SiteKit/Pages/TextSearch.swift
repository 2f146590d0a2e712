extension StringProtocol {
    /// Byte-wise substring search. Foundation's `contains` goes through NSString, which dominated build time on
    /// large sites.
    func containsBytes(_ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        return utf8.withContiguousStorageIfAvailable { Self.search($0, for: needleBytes) }
            ?? Self.search(Array(utf8), for: needleBytes)
    }

    private static func search(_ haystack: some RandomAccessCollection<UInt8>, for needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        let last = haystack.index(haystack.endIndex, offsetBy: -needle.count)
        while index <= last {
            if haystack[index] == first, haystack[index..<haystack.index(index, offsetBy: needle.count)].elementsEqual(needle) {
                return true
            }
            index = haystack.index(after: index)
        }
        return false
    }
}
