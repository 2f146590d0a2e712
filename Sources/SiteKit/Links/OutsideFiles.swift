import Foundation

/// Files of the repository outside `content/` that pages link to (`../LICENSE.md`, `../../src/main.swift`): links
/// that work on GitHub, where the Markdown sits in the repository. On the site they go to the file on the
/// repository's host, when its address is known (`repository:` in site.yml, or worked out from `editURL`).
package struct OutsideFiles: Sendable {
    /// The content folder's and the repository's real paths.
    let contentRoot: String
    let repositoryRoot: String
    /// The repository's files on its host, ending in `/` (`https://github.com/OWNER/REPO/blob/main/`), or nil.
    let blobBase: String?

    /// - Parameters:
    ///   - repository: `repository:` from site.yml.
    ///   - editURL: `editURL:` from site.yml: the content folder's edit address, from which the files' address
    ///     follows (`…/edit/main/docs/` → `…/blob/main/`) when the content folder's place in the repository is known.
    init?(content: URL, repository: String?, editURL: String?) {
        guard let real = realpath(content.path, nil) else { return nil }
        contentRoot = String(cString: real)
        free(real)
        repositoryRoot = Self.gitTopLevel(of: content) ?? URL(fileURLWithPath: contentRoot).deletingLastPathComponent().path
        if let repository {
            blobBase = repository.hasSuffix("/") ? repository : repository + "/"
        } else if let editURL, let range = editURL.range(of: "/edit/") {
            // The edit URL names the content folder inside the repository: take that folder's path off its end.
            var blob = editURL.replacingCharacters(in: range, with: "/blob/")
            if !blob.hasSuffix("/") { blob += "/" }
            let inside = String(contentRoot.dropFirst(repositoryRoot.count)).trimmingCharacters(in: ["/"])
            let suffix = inside.isEmpty ? "" : inside + "/"
            blobBase = blob.hasSuffix("/" + suffix) || suffix.isEmpty ? String(blob.dropLast(suffix.count)) : nil
        } else {
            blobBase = nil
        }
    }

    enum Resolution {
        case url(String)
        case noHost(String)
        case missing(String)
    }

    /// Where a link from `folder` (a content folder) to `path`, which leaves the content folder, goes.
    func resolve(_ path: String, from folder: String) -> Resolution {
        let absolute = URL(fileURLWithPath: contentRoot + "/" + folder).appendingPathComponent(path).standardizedFileURL.path
        let relative = absolute.hasPrefix(repositoryRoot + "/") ? String(absolute.dropFirst(repositoryRoot.count + 1)) : nil
        guard let relative, FileManager.default.fileExists(atPath: absolute) else {
            return .missing(relative ?? absolute)
        }
        guard let blobBase else { return .noHost(relative) }
        return .url(blobBase + relative.percentEncodedPath)
    }

    private static func gitTopLevel(of folder: URL) -> String? {
        guard let git = ChildProcess.executable(named: "git"),
            let result = try? ChildProcess.run(git, ["rev-parse", "--show-toplevel"], in: folder, keepingErrors: false),
            result.status == 0
        else { return nil }
        let path = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }
}
