/// Times in words, for check details and jwt-inspect's report.
package enum TimeWording {
    /// `2026-11-25 18:34:00 UTC`, computed without Foundation so that the library stays small. Any `Int64` works.
    package static func date(_ seconds: Int64) -> String {
        let remainder = seconds % 86_400
        let days = seconds / 86_400 - (remainder < 0 ? 1 : 0)
        let secondsOfDay = remainder < 0 ? remainder + 86_400 : remainder
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Written digit by digit: reports show several dates per token, and a batch has many tokens.
        var text = Array("\(year)".utf8)
        func two(_ value: Int64, after separator: UInt8) {
            text.append(separator)
            text.append(UInt8(truncatingIfNeeded: 0x30 + value / 10))
            text.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
        }
        two(month, after: UInt8(ascii: "-"))
        two(day, after: UInt8(ascii: "-"))
        two(secondsOfDay / 3600, after: UInt8(ascii: " "))
        two(secondsOfDay / 60 % 60, after: UInt8(ascii: ":"))
        two(secondsOfDay % 60, after: UInt8(ascii: ":"))
        text += " UTC".utf8
        return String(decoding: text, as: UTF8.self)
    }

    /// "in 54 min", "3 h ago", or "now" for a time `delta` seconds from now.
    package static func fromNow(_ delta: Int64) -> String {
        delta == 0 ? "now" : delta > 0 ? "in \(span(delta))" : "\(span(delta)) ago"
    }

    /// `54 min`, `3 h`, `12 s`, `5 d`, for a span of `seconds` either way (the sign is dropped).
    package static func span(_ seconds: Int64) -> String {
        let seconds = seconds.magnitude
        switch seconds {
        case ..<120: return "\(seconds) s"
        case ..<7200: return "\(seconds / 60) min"
        case ..<172_800: return "\(seconds / 3600) h"
        default: return "\(seconds / 86_400) d"
        }
    }
}
