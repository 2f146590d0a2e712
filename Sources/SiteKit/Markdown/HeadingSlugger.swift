/// GitHub-style heading ids: lower case, punctuation dropped, spaces as hyphens, and a repeated slug on the
/// same page numbered `-1`, `-2`, … so that every id is unique.
struct HeadingSlugger {
    private var used: [String: Int] = [:]

    /// A slugger that never hands out `ids` (taken by something else on the page).
    init(reserving ids: [String] = []) {
        for id in ids { used[id] = 0 }
    }

    mutating func slug(for text: String) -> String {
        let base = Self.baseSlug(text)
        var candidate = base
        if let count = used[base] {
            var next = count
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while used[candidate] != nil
            used[base] = next
        }
        used[candidate] = used[candidate] ?? 0
        return candidate
    }

    static func baseSlug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                slug.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
            {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}
