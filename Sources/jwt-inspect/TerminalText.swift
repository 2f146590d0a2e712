import IDTokenKit

/// Text from a token made safe to print on a terminal: control characters (C0, DEL, C1), bidirectional
/// overrides and line separators are shown as visible escapes (`\u{1B}`), so a claim cannot move the cursor,
/// recolour the screen or print a fake verdict over the real one.
enum TerminalText {
    static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: \.drivesDisplay) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
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
