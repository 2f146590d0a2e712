/// Titles in the order a reader expects: numbers by their value (`EIP-2` before `EIP-10`, `Chapter 9` before
/// `Chapter 10`), the rest by its bytes. By bytes, not Foundation's `.numeric` comparison: a section of 40,000
/// pages sorts in a few milliseconds.
enum NaturalOrder {
    /// Negative when `a` comes first, zero when they are the same text, positive when `b` comes first.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a.utf8[...]
        var b = b.utf8[...]
        while let x = a.first, let y = b.first {
            if isDigit(x), isDigit(y) {
                let left = a.prefix(while: isDigit)
                let right = b.prefix(while: isDigit)
                // By value: without leading zeros, the longer run is the larger; then digit by digit.
                let leftValue = left.drop { $0 == UInt8(ascii: "0") }
                let rightValue = right.drop { $0 == UInt8(ascii: "0") }
                if leftValue.count != rightValue.count { return leftValue.count - rightValue.count }
                for (l, r) in zip(leftValue, rightValue) where l != r { return Int(l) - Int(r) }
                // Equal values: fewer leading zeros first, so the order stays total.
                if left.count != right.count { return left.count - right.count }
                a = a.dropFirst(left.count)
                b = b.dropFirst(right.count)
                continue
            }
            if x != y { return Int(x) - Int(y) }
            a = a.dropFirst()
            b = b.dropFirst()
        }
        return a.count - b.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
