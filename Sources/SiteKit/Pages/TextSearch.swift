/// Byte-wise substring search. Foundation's `contains` goes through NSString and its generic `firstRange(of:)` is
/// slow too; each dominated build time on large sites in turn.
enum ByteSearch {
    static func contains(_ needle: [UInt8], in haystack: some RandomAccessCollection<UInt8>) -> Bool {
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

extension StringProtocol {
    func containsBytes(_ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        return utf8.withContiguousStorageIfAvailable { ByteSearch.contains(needleBytes, in: $0) }
            ?? ByteSearch.contains(needleBytes, in: Array(utf8))
    }
}
