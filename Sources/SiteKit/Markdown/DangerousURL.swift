/// Link and image destinations a page must not get: `javascript:`, `vbscript:`, `file:` and `data:` other than
/// the four image types, in any case (libcmark's safe-mode rule; GitHub drops the same). The link keeps its text
/// and loses its `href`, the image its `src`, as on GitHub, and the build says so at the link's line.
enum DangerousURL {
    private static let schemes = ["javascript:", "vbscript:", "file:", "data:"]
    private static let safeData = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]

    static func isDangerous(_ url: String) -> Bool {
        let bytes = url.utf8
        guard let scheme = schemes.first(where: { startsIgnoringASCIICase(bytes, $0) }) else { return false }
        return scheme != "data:" || !safeData.contains { startsIgnoringASCIICase(bytes, $0) }
    }

    private static func startsIgnoringASCIICase(_ bytes: String.UTF8View, _ prefix: String) -> Bool {
        bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}
