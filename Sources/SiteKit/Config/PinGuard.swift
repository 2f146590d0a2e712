/// Refuses any reference to the connect library other than the pinned URL and version: another version, an
/// unversioned CDN URL or `@latest` fails the build at the line that holds it.
package struct PinGuard: Sendable {
    let pin: ConnectPin
    let configFile: String

    package init(pin: ConnectPin, configFile: String) {
        self.pin = pin
        self.configFile = configFile
    }

    /// Checks `text` (after placeholders are substituted) line by line.
    func check(_ text: String, file: String, firstLine: Int = 1) throws {
        // Unpinned, a placeholder or a versioned reference (`…/connect@1.2.1/…`, what loads the library) is an
        // error; a page may still mention the library or link its repository.
        if !pin.isPinned, text.containsBytes("{{connect.") || text.containsBytes("passwordless-id/connect@") {
            for (index, line) in text.lines.enumerated()
            where line.containsBytes("{{connect.") || line.containsBytes("passwordless-id/connect@") {
                throw SiteError(
                    file: file, line: firstLine + index,
                    "this uses the connect library, which \(configFile) does not pin: add `connect:` with its `version` "
                        + "and `url` there")
            }
        }
        guard pin.isPinned, text.containsBytes("passwordless-id/connect") else { return }
        for (index, line) in text.lines.enumerated() {
            guard line.containsBytes("passwordless-id/connect") else { continue }
            if let problem = problem(in: line) {
                throw SiteError(
                    file: file, line: firstLine + index,
                    "\(problem); the connect library is pinned to \(pin.url) (set in \(configFile))")
            }
        }
    }

    private func problem(in line: Substring) -> String? {
        for url in urls(in: line) where url.contains(ConnectPin.packageName) && !isPackagePage(url) {
            // By bytes: to `==`, a Kelvin sign is a `K`; to a CDN it is another URL.
            if !url.utf8.elementsEqual(pin.url.utf8) { return "`\(url)` is not the pinned connect URL" }
        }
        for version in mentionedVersions(in: line) where !version.utf8.elementsEqual(pin.version.utf8) {
            return "`\(ConnectPin.packageName)@\(version)` is not the pinned version \(pin.version)"
        }
        return nil
    }

    /// npm's package page names the library without loading it.
    private func isPackagePage(_ url: Substring) -> Bool {
        url.contains("npmjs.com/package/")
    }

    private static let urlTerminators: Set<Character> = [" ", "\t", "\"", "'", "`", "<", ">", "(", ")", "[", "]", "{", "}", ","]

    private func urls(in line: Substring) -> [Substring] {
        var found: [Substring] = []
        var rest = line[...]
        while let start = rest.range(of: "//") {
            var from = start.lowerBound
            for scheme in ["https:", "http:"] {
                if rest[..<from].hasSuffix(scheme) { from = rest.index(from, offsetBy: -scheme.count) }
            }
            let end = rest[start.upperBound...].firstIndex { Self.urlTerminators.contains($0) } ?? rest.endIndex
            found.append(Self.trimmingSentencePunctuation(rest[from..<end]))
            rest = rest[end...]
        }
        return found
    }

    /// A URL or version at the end of a sentence keeps its full stop out.
    private static func trimmingSentencePunctuation(_ text: Substring) -> Substring {
        var text = text
        while let last = text.last, ".;:!?".contains(last) { text = text.dropLast() }
        return text
    }

    private func mentionedVersions(in line: Substring) -> [Substring] {
        var versions: [Substring] = []
        var rest = line[...]
        let marker = "\(ConnectPin.packageName)@"
        while let range = rest.range(of: marker) {
            let after = rest[range.upperBound...]
            let end = after.firstIndex { Self.urlTerminators.contains($0) || $0 == "/" } ?? after.endIndex
            versions.append(Self.trimmingSentencePunctuation(after[..<end]))
            rest = after[end...]
        }
        return versions
    }
}
