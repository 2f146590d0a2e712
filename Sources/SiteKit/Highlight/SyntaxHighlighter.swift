/// Build-time syntax highlighting: code is split into tokens wrapped in `<span class="tok-…">`, styled by the
/// site's CSS in light and dark themes, so reading code needs no JavaScript. Unknown languages are only escaped.
package enum SyntaxHighlighter {
    enum TokenKind: String {
        case comment, string, number, keyword, literal, tag, attribute, property, variable, option, command
    }

    /// Highlighted HTML for `code`, or nil when the language is not one the docs use.
    package static func html(_ code: String, language: String) -> String? {
        let scanner: (inout Scanner) -> Void
        switch language.lowercased() {
        case "js", "javascript", "mjs": scanner = { CLikeLanguage.javaScript.scan(&$0) }
        case "swift": scanner = { CLikeLanguage.swift.scan(&$0) }
        case "json": scanner = JSONLanguage.scan
        case "css": scanner = CSSLanguage.scan
        case "html", "xml", "svg": scanner = HTMLLanguage.scan
        case "sh", "shell", "bash", "console": scanner = ShellLanguage.scan
        default: return nil
        }
        var state = Scanner(code)
        scanner(&state)
        return state.output
    }

    /// A whole `<pre><code>` element for a code block whose info string names a known language.
    package static func codeBlock(_ code: String, info: String) -> String? {
        guard let language = info.split(separator: " ").first.map(String.init), let body = html(code, language: language) else {
            return nil
        }
        return "<pre><code class=\"language-\(HTML.escape(language))\">\(body)</code></pre>\n"
    }

    /// Walks the code's UTF-8 bytes and writes escaped, highlighted HTML. Every syntax character is ASCII;
    /// other bytes pass through (and count as identifier characters).
    struct Scanner {
        let characters: [UInt8]
        var position = 0
        var bytes: [UInt8] = []

        init(_ code: String) {
            characters = Array(code.utf8)
            bytes.reserveCapacity(characters.count * 2)
        }

        var output: String { String(decoding: bytes, as: UTF8.self) }
        var atEnd: Bool { position >= characters.count }
        var current: UInt8 { characters[position] }

        func peek(_ offset: Int = 0) -> UInt8? {
            position + offset < characters.count ? characters[position + offset] : nil
        }

        func starts(with text: String) -> Bool {
            var index = position
            for byte in text.utf8 {
                guard index < characters.count, characters[index] == byte else { return false }
                index += 1
            }
            return true
        }

        /// Copies one byte as plain text.
        mutating func plain() {
            HTML.escape(current, into: &bytes)
            position += 1
        }

        /// Emits `count` bytes as one token.
        mutating func emit(_ kind: TokenKind, count: Int) {
            let end = min(characters.count, position + count)
            guard end > position else { return }
            bytes.append(contentsOf: "<span class=\"tok-\(kind.rawValue)\">".utf8)
            for byte in characters[position..<end] { HTML.escape(byte, into: &bytes) }
            bytes.append(contentsOf: "</span>".utf8)
            position = end
        }

        /// Emits up to and including `terminator` (or to the end).
        mutating func emit(_ kind: TokenKind, through terminator: String, from skip: Int) {
            var index = position + skip
            let needle = Array(terminator.utf8)
            while index < characters.count {
                if characters[index] == UInt8(ascii: "\\") && kind == .string {
                    index += 2
                    continue
                }
                if characters[index..<min(characters.count, index + needle.count)].elementsEqual(needle) {
                    index += needle.count
                    break
                }
                index += 1
            }
            emit(kind, count: index - position)
        }

        /// Length of the run of bytes matching `predicate` from the current position.
        func run(_ predicate: (UInt8) -> Bool) -> Int {
            var index = position
            while index < characters.count, predicate(characters[index]) { index += 1 }
            return index - position
        }

        func runAfterFirst(_ predicate: (UInt8) -> Bool) -> Int {
            var index = position + 1
            while index < characters.count, predicate(characters[index]) { index += 1 }
            return index - position - 1
        }

        static func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        static func isIdentifier(_ byte: UInt8) -> Bool {
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }

        static func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
        }

        /// Whether `byte` is one of the ASCII characters in `set`.
        static func isAny(_ byte: UInt8, of set: String) -> Bool { set.utf8.contains(byte) }

        /// A number: digits with `.`, `_`, exponent and hex letters.
        mutating func number() -> Bool {
            guard let first = peek(), Self.isDigit(first) else { return false }
            if position > 0, Self.isIdentifier(characters[position - 1]) { return false }
            emit(.number, count: run { Self.isIdentifier($0) || $0 == UInt8(ascii: ".") })
            return true
        }

        /// A CSS property: a name at the start of a declaration, followed by `:`.
        func isPropertyName() -> Bool {
            var before = position - 1
            while before >= 0, characters[before] == UInt8(ascii: " ") || characters[before] == UInt8(ascii: "\t") { before -= 1 }
            guard before < 0 || Self.isAny(characters[before], of: "{;\n") else { return false }
            var index = position
            while index < characters.count, Self.isLetter(characters[index]) || characters[index] == UInt8(ascii: "-") {
                index += 1
            }
            while index < characters.count, characters[index] == UInt8(ascii: " ") { index += 1 }
            return index < characters.count && characters[index] == UInt8(ascii: ":")
        }

        func word(_ length: Int) -> String { String(decoding: characters[position..<position + length], as: UTF8.self) }
    }
}

typealias Byte = UInt8

/// JavaScript and Swift: comments, strings, numbers, keywords and literals.
struct CLikeLanguage {
    let keywords: Set<String>
    let literals: Set<String>
    let templateStrings: Bool

    static let javaScript = CLikeLanguage(
        keywords: [
            "import", "export", "from", "default", "const", "let", "var", "function", "return", "if", "else", "for", "while",
            "do", "switch", "case", "break", "continue", "new", "class", "extends", "async", "await", "try", "catch",
            "finally", "throw", "typeof", "instanceof", "in", "of", "this", "delete", "yield", "static", "get", "set",
        ],
        literals: ["true", "false", "null", "undefined", "NaN", "Infinity"], templateStrings: true)

    static let swift = CLikeLanguage(
        keywords: [
            "import", "let", "var", "func", "return", "if", "else", "guard", "for", "in", "while", "repeat", "switch", "case",
            "default", "break", "continue", "struct", "class", "enum", "protocol", "extension", "init", "deinit", "throws",
            "throw", "try", "catch", "do", "async", "await", "public", "private", "internal", "fileprivate", "static", "self",
            "Self", "some", "any", "where", "defer", "inout", "mutating", "final", "override", "typealias", "is", "as",
        ],
        literals: ["true", "false", "nil"], templateStrings: false)

    func scan(_ scanner: inout SyntaxHighlighter.Scanner) {
        typealias S = SyntaxHighlighter.Scanner
        while !scanner.atEnd {
            let byte = scanner.current
            if scanner.starts(with: "//") {
                scanner.emit(.comment, count: scanner.run { $0 != Byte(ascii: "\n") })
            } else if scanner.starts(with: "/*") {
                scanner.emit(.comment, through: "*/", from: 2)
            } else if scanner.starts(with: "\"\"\"") {
                scanner.emit(.string, through: "\"\"\"", from: 3)
            } else if byte == Byte(ascii: "\"") || byte == Byte(ascii: "'") || (templateStrings && byte == Byte(ascii: "`")) {
                scanner.emit(.string, through: String(UnicodeScalar(byte)), from: 1)
            } else if scanner.number() {
                continue
            } else if S.isIdentifier(byte) {
                let length = scanner.run(S.isIdentifier)
                let word = scanner.word(length)
                if keywords.contains(word) {
                    scanner.emit(.keyword, count: length)
                } else if literals.contains(word) {
                    scanner.emit(.literal, count: length)
                } else {
                    for _ in 0..<length { scanner.plain() }
                }
            } else {
                scanner.plain()
            }
        }
    }
}

/// JSON: member names, strings, numbers and literals.
enum JSONLanguage {
    static func scan(_ scanner: inout SyntaxHighlighter.Scanner) {
        typealias S = SyntaxHighlighter.Scanner
        while !scanner.atEnd {
            let byte = scanner.current
            if byte == Byte(ascii: "\"") {
                var end = scanner.position + 1
                while end < scanner.characters.count, scanner.characters[end] != Byte(ascii: "\"") {
                    end += scanner.characters[end] == Byte(ascii: "\\") ? 2 : 1
                }
                end = min(end + 1, scanner.characters.count)
                var after = end
                while after < scanner.characters.count, S.isSpace(scanner.characters[after]) { after += 1 }
                let isKey = after < scanner.characters.count && scanner.characters[after] == Byte(ascii: ":")
                scanner.emit(isKey ? .property : .string, count: end - scanner.position)
            } else if byte == Byte(ascii: "-") || S.isDigit(byte) {
                scanner.emit(.number, count: scanner.run { S.isDigit($0) || S.isAny($0, of: "-+.eE") })
            } else if S.isLetter(byte) {
                scanner.emit(.literal, count: scanner.run(S.isLetter))
            } else {
                scanner.plain()
            }
        }
    }
}

/// CSS: comments, at-rules, property names, strings, numbers with units and hex colours.
enum CSSLanguage {
    static func scan(_ scanner: inout SyntaxHighlighter.Scanner) {
        typealias S = SyntaxHighlighter.Scanner
        var depth = 0
        while !scanner.atEnd {
            let byte = scanner.current
            let isNameByte = { (byte: UInt8) in S.isLetter(byte) || byte == Byte(ascii: "-") }
            if scanner.starts(with: "/*") {
                scanner.emit(.comment, through: "*/", from: 2)
            } else if byte == Byte(ascii: "\"") || byte == Byte(ascii: "'") {
                scanner.emit(.string, through: String(UnicodeScalar(byte)), from: 1)
            } else if byte == Byte(ascii: "@") {
                scanner.emit(.keyword, count: 1 + scanner.runAfterFirst(isNameByte))
            } else if byte == Byte(ascii: "#") && depth > 0 {
                scanner.emit(.number, count: 1 + scanner.runAfterFirst(S.isHexDigit))
            } else if depth > 0, isNameByte(byte), scanner.isPropertyName() {
                scanner.emit(.property, count: scanner.run(isNameByte))
            } else if depth > 0, scanner.number() {
                continue
            } else {
                if byte == Byte(ascii: "{") { depth += 1 }
                if byte == Byte(ascii: "}") { depth = max(0, depth - 1) }
                scanner.plain()
            }
        }
    }
}

/// HTML: comments, doctype, tag names, attribute names and values.
enum HTMLLanguage {
    typealias S = SyntaxHighlighter.Scanner

    static func scan(_ scanner: inout SyntaxHighlighter.Scanner) {
        while !scanner.atEnd {
            if scanner.starts(with: "<!--") {
                scanner.emit(.comment, through: "-->", from: 4)
            } else if scanner.starts(with: "<!") {
                scanner.emit(.keyword, through: ">", from: 2)
            } else if scanner.current == Byte(ascii: "<"), let next = scanner.peek(1),
                S.isLetter(next) || next == Byte(ascii: "/")
            {
                scanner.plain()
                if scanner.current == Byte(ascii: "/") { scanner.plain() }
                scanner.emit(.tag, count: scanner.run { S.isIdentifier($0) || $0 == Byte(ascii: "-") })
                tagBody(&scanner)
            } else {
                scanner.plain()
            }
        }
    }

    private static func tagBody(_ scanner: inout SyntaxHighlighter.Scanner) {
        while !scanner.atEnd, scanner.current != Byte(ascii: ">") {
            let byte = scanner.current
            if byte == Byte(ascii: "\"") || byte == Byte(ascii: "'") {
                scanner.emit(.string, through: String(UnicodeScalar(byte)), from: 1)
            } else if S.isLetter(byte) {
                scanner.emit(
                    .attribute, count: scanner.run { S.isIdentifier($0) || $0 == Byte(ascii: "-") || $0 == Byte(ascii: ":") })
            } else {
                scanner.plain()
            }
        }
        if !scanner.atEnd { scanner.plain() }
    }
}

/// Shell: comments, strings, variables, options and the command word of each line.
enum ShellLanguage {
    static func scan(_ scanner: inout SyntaxHighlighter.Scanner) {
        typealias S = SyntaxHighlighter.Scanner
        var commandExpected = true
        while !scanner.atEnd {
            let byte = scanner.current
            let atWordStart = scanner.position == 0 || S.isSpace(scanner.characters[scanner.position - 1])
            if byte == Byte(ascii: "#") && atWordStart {
                scanner.emit(.comment, count: scanner.run { $0 != Byte(ascii: "\n") })
            } else if byte == Byte(ascii: "\"") || byte == Byte(ascii: "'") {
                scanner.emit(.string, through: String(UnicodeScalar(byte)), from: 1)
                commandExpected = false
            } else if byte == Byte(ascii: "$") {
                scanner.emit(.variable, count: 1 + scanner.runAfterFirst { S.isIdentifier($0) || S.isAny($0, of: "{}") })
            } else if byte == Byte(ascii: "-") && atWordStart {
                scanner.emit(.option, count: scanner.run { !S.isSpace($0) })
            } else if commandExpected && !S.isSpace(byte) && atWordStart {
                scanner.emit(.command, count: scanner.run { !S.isSpace($0) && !S.isAny($0, of: ";|") })
                commandExpected = false
            } else {
                if S.isAny(byte, of: "\n|;&") { commandExpected = true }
                scanner.plain()
            }
        }
    }
}
