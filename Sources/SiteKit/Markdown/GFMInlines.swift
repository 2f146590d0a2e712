/// GitHub's inline extensions, on the inlines libcmark made of a block: strikethrough (`~one~`, `~~two~~`, by
/// emphasis's flanking rules, as cmark-gfm's delimiters), then extended autolinks (`www.`, `http(s)://`, `ftp://`,
/// e-mail addresses, with cmark-gfm's rules for domains and trailing punctuation) and footnote references
/// (`[^label]`) in text outside links.
struct GFMInlines {
    let footnotes: FootnoteNumbering
    /// Labels of `[^label]` references with no definition, left as text.
    private(set) var undefinedFootnotes: [String] = []

    init(footnotes: FootnoteNumbering) { self.footnotes = footnotes }

    mutating func apply(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var tilde = false
        var link = false
        Self.scanTexts(inlines) { text in
            if !tilde { tilde = text.containsByte(UInt8(ascii: "~")) }
            if !link { link = Self.mayLink(text) }
            return tilde && link
        }
        let struck = tilde ? Strikethrough.apply(inlines, before: .whitespace, after: .whitespace) : inlines
        return link ? linkify(struck) : struck
    }

    /// Visits the texts of `inlines`, nested ones included, until `visit` returns true.
    @discardableResult
    private static func scanTexts(_ inlines: [MarkdownInline], _ visit: (String) -> Bool) -> Bool {
        for inline in inlines {
            switch inline {
            case .text(let text): if visit(text) { return true }
            case .emphasis(let children), .strong(let children), .strikethrough(let children), .link(_, let children),
                .image(_, let children):
                if scanTexts(children, visit) { return true }
            default: break
            }
        }
        return false
    }

    /// Whether a text may hold an autolink or a footnote reference: `www.`, `://`, `@` or `[^`. Most text holds
    /// none, and skips the scan.
    private static func mayLink(_ text: String) -> Bool {
        text.containsByte(UInt8(ascii: "@")) || text.containsBytes("[^") || text.containsBytes("://")
            || text.containsBytes("www.")
    }

    /// Autolinks and footnote references in the texts of `inlines`, outside links.
    private mutating func linkify(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for inline in inlines {
            switch inline {
            case .text(let text): result += scan(text)
            case .emphasis(let children): result.append(.emphasis(linkify(children)))
            case .strong(let children): result.append(.strong(linkify(children)))
            case .strikethrough(let children): result.append(.strikethrough(linkify(children)))
            default: result.append(inline)
            }
        }
        return result
    }

    /// One text: `www.` and `scheme://` links and footnote references left to right, then e-mail addresses in what
    /// remains text.
    private mutating func scan(_ text: String) -> [MarkdownInline] {
        guard Self.mayLink(text) else { return [.text(text)] }
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: "w") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "[") }) else {
            return Autolinks.emails(in: text)
        }
        var pieces: [MarkdownInline] = []
        var textStart = 0
        var index = 0
        var failedDomain = Autolinks.FailedDomain()
        func flush(upTo end: Int) {
            if end > textStart { pieces += Autolinks.emails(in: String(decoding: bytes[textStart..<end], as: UTF8.self)) }
        }
        while index < bytes.count {
            if let (label, end) = Self.footnoteReference(bytes, at: index) {
                if footnotes.labels.contains(label) {
                    flush(upTo: index)
                    pieces.append(footnotes.reference(label))
                    textStart = end
                } else if !undefinedFootnotes.contains(label) {
                    undefinedFootnotes.append(label)
                }
                index = end
                continue
            }
            if let (start, end, url) = Autolinks.link(in: bytes, at: index, earliest: textStart, failed: &failedDomain) {
                flush(upTo: start)
                let shown = String(decoding: bytes[start..<end], as: UTF8.self)
                pieces.append(.link(Link(url: url, title: "", isImage: false, line: 0), [.text(shown)]))
                textStart = end
                index = end
                continue
            }
            index += 1
        }
        flush(upTo: bytes.count)
        return pieces
    }

    /// `[^label]` at `index`: the label as definitions are keyed (lower case) and the index after `]`.
    private static func footnoteReference(_ bytes: [UInt8], at index: Int) -> (String, Int)? {
        guard bytes[index] == UInt8(ascii: "["), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") else {
            return nil
        }
        var end = index + 2
        while end < bytes.count, bytes[end] != UInt8(ascii: "]") {
            if Footnotes.isLabelBreaking(bytes[end]) { return nil }
            end += 1
        }
        guard end < bytes.count, end > index + 2 else { return nil }
        return (Footnotes.key(String(decoding: bytes[(index + 2)..<end], as: UTF8.self)), end + 1)
    }
}

/// `~` and `~~` delimiter runs on a list of sibling inlines, matched by the stack algorithm emphasis uses.
enum Strikethrough {
    /// What a delimiter run has beside it; nil (in `Boundary?`) for any other character.
    enum Boundary { case whitespace, punctuation }

    fileprivate enum Piece {
        case node(MarkdownInline)
        case text(String)
        case run(length: Int, canOpen: Bool, canClose: Bool)
    }

    static func apply(_ inlines: [MarkdownInline], before: Boundary?, after: Boundary?) -> [MarkdownInline] {
        var pieces: [Piece] = []
        for (index, inline) in inlines.enumerated() {
            switch inline {
            case .text(let text) where text.containsByte(UInt8(ascii: "~")):
                let previous = index > 0 ? boundary(after: inlines[index - 1]) : before
                let next = index + 1 < inlines.count ? boundary(before: inlines[index + 1]) : after
                pieces += split(text, before: previous, after: next)
            default: pieces.append(.node(recursing(inline)))
            }
        }
        guard pieces.contains(where: { if case .run = $0 { return true } else { return false } }) else {
            return pieces.map(\.inlines).flatMap { $0 }
        }
        return match(pieces)
    }

    /// Children are matched on their own: a run inside `*…*` pairs only with one there.
    private static func recursing(_ inline: MarkdownInline) -> MarkdownInline {
        switch inline {
        case .emphasis(let children): return .emphasis(apply(children, before: .punctuation, after: .punctuation))
        case .strong(let children): return .strong(apply(children, before: .punctuation, after: .punctuation))
        case .link(let link, let children): return .link(link, apply(children, before: .punctuation, after: .punctuation))
        case .image(let link, let alt): return .image(link, alt: apply(alt, before: .punctuation, after: .punctuation))
        default: return inline
        }
    }

    /// What a sibling looks like from the text after it, and before it: every other inline starts and ends with
    /// punctuation (`*`, `` ` ``, `<`, `[`, `)`…) except breaks, which are line ends.
    private static func boundary(after inline: MarkdownInline) -> Boundary? {
        switch inline {
        case .softBreak, .lineBreak: return .whitespace
        case .text(let text): return text.unicodeScalars.last.map(classify) ?? .whitespace
        default: return .punctuation
        }
    }

    private static func boundary(before inline: MarkdownInline) -> Boundary? {
        switch inline {
        case .softBreak, .lineBreak: return .whitespace
        case .text(let text): return text.unicodeScalars.first.map(classify) ?? .whitespace
        default: return .punctuation
        }
    }

    /// nil for a character that is neither.
    private static func classify(_ scalar: Unicode.Scalar) -> Boundary? {
        if scalar.properties.generalCategory == .spaceSeparator || "\t\n\u{0C}\r".unicodeScalars.contains(scalar) {
            return .whitespace
        }
        if scalar.isASCII ? GFMTables.isASCIIPunctuation(UInt8(scalar.value)) : isUnicodePunctuation(scalar) {
            return .punctuation
        }
        return nil
    }

    private static func isUnicodePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// A text as pieces: runs of `~` (delimiters when one or two long and flanking) and the text between.
    private static func split(_ text: String, before: Boundary?, after: Boundary?) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        // Plain text is always a stretch of the scalars: made into a string once, when it ends (appending scalar
        // runs to a string one by one copied it whole each time).
        var plainStart = 0
        func flushPlain(upTo end: Int) {
            if end > plainStart { pieces.append(.text(String(String.UnicodeScalarView(scalars[plainStart..<end])))) }
        }
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "~" else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end] == "~" { end += 1 }
            let previous = index > 0 ? classify(scalars[index - 1]) : before
            let next = end < scalars.count ? classify(scalars[end]) : after
            let leftFlanking = next != .whitespace && (next != .punctuation || previous != nil)
            let rightFlanking = previous != .whitespace && (previous != .punctuation || next != nil)
            let length = end - index
            if (length == 1 || length == 2) && (leftFlanking || rightFlanking) {
                flushPlain(upTo: index)
                plainStart = end
                pieces.append(.run(length: length, canOpen: leftFlanking, canClose: rightFlanking))
            }
            index = end
        }
        flushPlain(upTo: scalars.count)
        return pieces
    }

    /// Pairs each closing run with the nearest opening run of the same length before it; what lies between
    /// becomes the strikethrough, and runs left unpaired are text.
    private static func match(_ pieces: [Piece]) -> [MarkdownInline] {
        var output: [Piece] = []
        // Indexes into `output` of runs that may open, one stack per run length (1 and 2): a closer takes the
        // latest opener of its length without looking past the others, which kept `~~a ~~a … a~ a~` quadratic.
        var openers: [[Int]] = [[], []]
        for piece in pieces {
            guard case .run(let length, let canOpen, let canClose) = piece else {
                output.append(piece)
                continue
            }
            if canClose, let opener = openers[length - 1].last {
                let inner = output[(opener + 1)...].map(\.inlines).flatMap { $0 }
                output.removeSubrange(opener...)
                // The opener and every opener after it are spent.
                for stack in openers.indices {
                    while let last = openers[stack].last, last >= opener { openers[stack].removeLast() }
                }
                output.append(.node(.strikethrough(merged(inner))))
                continue
            }
            if canOpen { openers[length - 1].append(output.count) }
            output.append(piece)
        }
        return merged(output.map(\.inlines).flatMap { $0 })
    }

    /// Adjacent texts joined, as the rest of the pipeline expects: each appended to the run in place (a new string
    /// for each join made a long run of unmatched tildes quadratic).
    private static func merged(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        var text: String?
        for inline in inlines {
            if case .text(let next) = inline {
                if text == nil { text = next } else { text?.append(next) }
                continue
            }
            if let run = text.take() { result.append(.text(run)) }
            result.append(inline)
        }
        if let run = text { result.append(.text(run)) }
        return result
    }
}

extension Strikethrough.Piece {
    fileprivate var inlines: [MarkdownInline] {
        switch self {
        case .node(let inline): return [inline]
        case .text(let text): return [.text(text)]
        case .run(let length, _, _): return [.text(String(repeating: "~", count: length))]
        }
    }
}
