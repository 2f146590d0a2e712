/// Text assets (the demo's HTML, JS and CSS) get the connect placeholders filled in, region markers removed,
/// and the pin checked. Anything else is copied byte for byte.
package enum TextAsset {
    static let extensions: Set<String> = ["html", "htm", "js", "mjs", "css", "json", "svg", "txt", "xml", "webmanifest"]

    static func isText(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    package static func process(_ text: String, displayPath: String, pin: ConnectPin, guardian: PinGuard) throws -> String {
        let filled = pin.substitute(in: text)
        try guardian.check(filled, file: displayPath)
        return RegionMarkers.strip(filled)
    }
}
