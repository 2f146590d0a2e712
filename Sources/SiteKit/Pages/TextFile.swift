import Foundation

/// Reads source files as UTF-8 text, reporting the line of the first byte that is not UTF-8.
enum TextFile {
    static func read(_ url: URL, displayPath: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SiteError(file: displayPath, "cannot read file: \(SiteError.reason(error))")
        }
        return try decode(data, displayPath: displayPath)
    }

    static func read(path: String, displayPath: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiteError(file: displayPath, "cannot read file")
        }
        return try decode(data, displayPath: displayPath)
    }

    static func decode(_ data: Data, displayPath: String) throws -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        throw SiteError(
            file: displayPath, line: lineOfFirstInvalidByte(bytes), "file is not valid UTF-8 text")
    }

    private static func lineOfFirstInvalidByte(_ bytes: Data.SubSequence) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return line
            case .error: return line
            }
        }
    }
}
