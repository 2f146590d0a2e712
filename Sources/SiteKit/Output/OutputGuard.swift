import Foundation

/// What `--output` may name. The build moves the output folder aside and deletes what an earlier build left in it,
/// so it must never be a folder of the author's: not the content or templates (or a folder holding them), not
/// the project, home or `/`, not inside content/ (the next build would read it as pages), and not a folder of
/// files that no build wrote. A build marks its output with `marker`, so that the next one knows it.
enum OutputGuard {
    /// Written into every output, published with it: the next build's proof that the folder is a build's.
    static let marker = ".build-site"
    static let markerText = "Written by build-site: the next build replaces this folder.\n"

    /// Throws unless `output` (and the staging and previous-build folders beside it) may be replaced.
    static func check(output: URL, sources: [(folder: URL, name: String)], display: String) throws {
        let target = realPath(of: output)
        let cwd = realPath(of: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let home = ProcessInfo.processInfo.environment["HOME"].map { realPath(of: URL(fileURLWithPath: $0)) }
        // The widest first, so that `/` or `.` is named as what it is.
        var protected = [(cwd, "the folder build-site runs in")]
        if let home { protected.append((home, "your home folder")) }
        protected += sources.map { (realPath(of: $0.folder), "the \($0.name) folder") }
        for (path, what) in protected where isSameOrInside(path, target) {
            throw SiteError(
                file: display,
                "--output would replace \(what) (\(path)): the build moves its output aside and deletes what is "
                    + "left in it; choose a folder of its own, such as site/")
        }
        for source in sources where isSameOrInside(target, realPath(of: source.folder)) {
            throw SiteError(
                file: display,
                "--output is inside the \(source.name) folder, whose files the build reads; choose a folder outside it")
        }
        for folder in [output, SiteOutput.previousBuildFolder(for: output), StagingFolder.url(for: output)] {
            try checkIsEmptyOrABuild(folder, display: folder == output ? display : folder.path)
        }
    }

    /// A folder the build may replace: missing, empty, or written by a build (its marker, or the files every
    /// build before the marker wrote).
    private static func checkIsEmptyOrABuild(_ folder: URL, display: String) throws {
        var status = stat()
        guard lstat(folder.path, &status) == 0 else { return }
        guard DirectoryWalker.kind(status.st_mode) == .directory else {
            throw SiteError(file: display, "is not a folder that a build wrote; move it away or choose another --output")
        }
        let names = Set((try? DirectoryWalker.list(folder.path).map(\.name)) ?? [])
        if names.isEmpty || names.contains(marker) { return }
        // Builds before the marker always wrote these three together.
        if names.isSuperset(of: [".nojekyll", "sitemap.xml", MarkdownCopies.index]) { return }
        throw SiteError(
            file: display,
            "holds files that no build wrote (\(names.sorted().prefix(3).joined(separator: ", "))…): the build would delete "
                + "them; move them away, or choose another --output")
    }

    /// `url`'s real path: its nearest existing ancestor resolved, the rest appended.
    private static func realPath(of url: URL) -> String {
        var missing: [String] = []
        var current = url.standardizedFileURL
        while true {
            if let resolved = realpath(current.path, nil) {
                defer { free(resolved) }
                return ([String(cString: resolved)] + missing.reversed()).joined(separator: "/").replacingOccurrences(
                    of: "//", with: "/")
            }
            guard current.path != "/" else { return url.standardizedFileURL.path }
            missing.append(current.lastPathComponent)
            current = current.deletingLastPathComponent()
        }
    }

    /// Whether `inner` is `outer` or below it.
    private static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        guard inner.utf8.starts(with: outer.utf8) else { return false }
        let rest = inner.utf8.dropFirst(outer.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/") || outer == "/"
    }
}
