extension SiteBuild {
    /// Each file of the site has one source. Two that would write the same file (`verify.md` and
    /// `verify/index.md`, an `index.html` of the author's where a section's list goes, a `content/llms.txt`) are an
    /// error naming both, instead of one silently replacing the other.
    func checkOneSourcePerFile(
        pages: [Page], lists: [SectionListPage], published: [(String, Asset)], generated: [String]
    ) throws {
        var owners: [String: String] = [:]
        var errors: [SiteError] = []
        func claim(_ path: String, by source: String, file: String) {
            if let owner = owners[path] {
                errors.append(SiteError(file: file, "writes the site's `\(path)`, as \(owner) does: one of them must move or go"))
            } else {
                owners[path] = source
            }
        }
        for file in generated { owners[file] = "build-site (it writes this file itself)" }
        for page in pages {
            claim(page.outputPath, by: page.displayPath, file: page.displayPath)
            claim(page.sourcePath, by: page.displayPath + " (its Markdown copy)", file: page.displayPath)
        }
        for (path, _) in published {
            let source = display(options.content, path)
            claim(path, by: source, file: source)
        }
        for list in lists {
            let folder = display(options.content, list.folder)
            claim(list.outputPath, by: "the list of \(folder)/ (a folder with no index page)", file: folder)
        }
        guard errors.isEmpty else { throw SiteErrors(errors) }
    }
}
