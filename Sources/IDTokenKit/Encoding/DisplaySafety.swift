extension Unicode.Scalar {
    /// Controls (C0, DEL, C1), bidirectional overrides and line separators: characters a token may carry that
    /// would drive a terminal or reorder what it shows. Reports escape them.
    package var drivesDisplay: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

extension StringProtocol {
    /// The text with every character that `drivesDisplay` shown as a visible escape (`\n`, `\u{1B}`), so that text
    /// from a token or a request cannot move the cursor, recolour the screen or print a fake line on a terminal.
    package func escapedForDisplay() -> String {
        guard unicodeScalars.contains(where: \.drivesDisplay) else { return String(self) }
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.drivesDisplay: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
