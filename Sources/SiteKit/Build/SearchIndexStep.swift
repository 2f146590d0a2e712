import Foundation

extension SiteBuild {
    /// Who indexes a build for search.
    public enum SearchIndexing: Sendable {
        /// The build: Pagefind indexes the written pages before they are swapped in, so a failed index fails the
        /// build and leaves the previous site.
        case beforeSwap
        /// The caller, after the build (serve, in the background). The build still finds and checks Pagefind.
        case byCaller
    }

    /// The Pagefind that indexes this build; nil when search is off or no page is searchable. Found before any
    /// page renders, so that a missing one fails the build at once.
    /// - Parameter outputPaths: what the build writes and from which source, gathered only when search is on.
    func searchIndexer(
        config: SiteConfig, pages: [Page], outputPaths: () -> [(path: String, source: String)]
    ) throws -> Pagefind? {
        guard config.search, pages.contains(where: \.isSearchable) else { return nil }
        let configFile = display(options.content, SiteConfig.fileName)
        if let clash = outputPaths().first(where: { $0.path.hasPrefix(Pagefind.folder + "/") }) {
            throw SiteError(
                file: display(options.content, clash.source),
                "would be written to \(clash.path), where the search index goes; move it, or set `search: false` in \(configFile)"
            )
        }
        // `search: true` needs Pagefind; left unset, a site without it builds without search, and says so.
        return try Pagefind.locate(configFile: configFile, required: config.searchIsExplicit)
    }

    /// Indexes the staging folder into its `pagefind/`, when the build does the indexing.
    func indexForSearch(_ staging: URL, with pagefind: Pagefind?) throws -> Pagefind.Summary? {
        guard let pagefind, options.searchIndexing == .beforeSwap else { return nil }
        options.progress?("indexing the pages for search")
        return try pagefind.index(
            site: staging, into: staging.appendingPathComponent(Pagefind.folder), display: options.output.path)
    }
}
