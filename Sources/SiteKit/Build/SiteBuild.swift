import Foundation

/// Builds `content/` through `templates/` into the output folder. `run` reads as the pipeline.
public struct SiteBuild: Sendable {
    public struct Options: Sendable {
        public var content: URL
        public var templates: URL
        public var output: URL
        public var baseURL: BaseURL
        public var includeDrafts: Bool
        /// Builds against a local stand-in for the connect library and its provider instead of the pinned CDN
        /// file. Only `build-site serve --local-idp` sets it; a published build never does.
        public var connectStandIn: ConnectPin.StandIn?
        /// Whether the build runs Pagefind itself (when search is on) or leaves it to the caller.
        public var searchIndexing: SearchIndexing = .beforeSwap
        /// Told each step as it starts (e.g. "rendering 4000 pages"), for a progress line on a terminal.
        public var progress: (@Sendable (String) -> Void)?
        /// What a broken link does, over the config's `links:` (`--links warn`); nil leaves it to the config.
        public var linkCheck: SiteConfig.LinkCheck?

        public init(content: URL, templates: URL, output: URL, baseURL: BaseURL = .localDefault, includeDrafts: Bool = false) {
            self.content = content
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
            self.includeDrafts = includeDrafts
        }
    }

    public struct Summary: Sendable {
        public var pages: Int
        public var assets: Int
        public var seconds: Double
        public var output: URL
        /// What the author should hear about (`file:line: warning: …`), in page order.
        public var warnings: [SiteWarning] = []
        /// What the author should know of the build as a whole (search left off for want of Pagefind).
        public var notes: [String] = []
        /// The Pagefind that indexes the site; nil when search is off.
        public var searchIndexer: Pagefind?
        /// What Pagefind indexed, when the build ran it.
        public var searchIndex: Pagefind.Summary?
    }

    public let options: Options
    /// `options.content` as a path, worked out once: `URL.path` costs a few microseconds at every page read.
    private let contentPath: String

    public init(options: Options) {
        self.options = options
        contentPath = options.content.path
    }

    public func run() throws -> Summary {
        try runKeepingState().summary
    }

    /// What a later incremental rebuild needs from a full build: small facts, no rendered pages.
    struct State: Sendable {
        var config: SiteConfig
        var guardian: PinGuard
        var scan: ContentScan
        var templates: TemplateSet
        var pages: [Page]
        /// Each page's anchors, by its source path.
        var anchors: [String: Set<String>]
        var links: LinkResolver
        var sections: SiteSections
        var fingerprints: AssetFingerprints
        var extras: PageExtrasSource
        var searchIndexer: Pagefind?
        var outside: OutsideFiles?
    }

    func runKeepingState() throws -> (summary: Summary, state: State) {
        let started = DispatchTime.now()
        try OutputGuard.check(
            output: options.output, sources: [(options.content, "content"), (options.templates, "templates")],
            display: display(options.output))
        let staging = StagingFolder(for: options.output)
        var written = false
        defer { if !written { staging.abandon(output: options.output) } }
        var loaded = try loadConfig()
        let guardian = PinGuard(pin: loaded.connect, configFile: display(options.content, SiteConfig.fileName))
        var scan = try ContentScan.scan(options.content, displayRoot: display(options.content))
        // The built-in theme's assets, where the content folder has none of its own at that path.
        let theme = Dictionary(
            EmbeddedTheme.assets.filter { !scan.assets.contains($0.path) }.map { ($0.path, $0.text) }, uniquingKeysWith: { $1 })
        scan.assets = (scan.assets + theme.keys).sorted()
        // The theme's CSS and JS get their fingerprinted names first: templates and other files refer to them.
        let assets = try processAssets(scan.assets, theme: theme, config: loaded, guardian: guardian)
        let fingerprints = AssetFingerprints(
            texts: assets.compactMap { path, asset in if case .text(let text) = asset { (path, text) } else { nil } })
        let templates = try TemplateSet.load(
            from: options.templates, displayRoot: display(options.templates), guardian: guardian, rewriting: fingerprints.rewrite)
        options.progress?("reading \(scan.markdown.count) pages")
        let pages = try readPages(scan, pin: loaded.connect, guardian: guardian)
        try complete(&loaded, pages: pages, guardian: guardian)
        try checkLayouts(pages, templates: templates)
        let pagefind = try searchIndexer(
            config: loaded, pages: pages,
            outputPaths: { pages.map { ($0.outputPath, $0.sourcePath) } + scan.assets.map { ($0, $0) } })
        // Without an index, no page offers a search box.
        let searchNote =
            loaded.search && pagefind == nil && pages.contains(where: \.isSearchable)
            ? "search is off: Pagefind \(Pagefind.version) is not installed (\(Pagefind.installation)); "
                + "`search: false` in \(display(options.content, SiteConfig.fileName)) says you meant it" : nil
        loaded.search = pagefind != nil
        let config = loaded
        // What pages need of each other, gathered small before any page renders.
        let sections = SiteSections(pages: pages.map(\.facts))
        let outside = OutsideFiles(content: options.content, repository: config.repository, editURL: config.editURL)
        let links = linkResolver(pages, scan: scan, sections: sections, fingerprints: fingerprints, outside: outside)
        let lists = sectionListPages(sections)
        let extras = PageExtrasSource(
            config: config, configFile: display(options.content, SiteConfig.fileName), baseURL: options.baseURL,
            assets: links.assets, lastCommitTimes: GitHistory.lastCommitTimes(of: options.content))
        let published = assets.map { path, asset -> (String, Asset) in
            if case .text(let text) = asset { return (fingerprints.path(path), .text(fingerprints.rewrite(text))) }
            return (path, asset)
        }
        try checkOneSourcePerFile(
            pages: pages, lists: lists, published: published,
            generated: ["sitemap.xml", ".nojekyll", MarkdownCopies.index, OutputGuard.marker])
        let sitemap = Sitemap.xml(
            baseURL: options.baseURL.absolute,
            paths: pages.filter { !$0.isNotFoundPage }.map(\.urlPath) + lists.filter { $0.page == 1 }.map(\.urlPath)
                + scan.assets.filter { $0.hasSuffix("index.html") }.map { String($0.dropLast("index.html".count)) })
        let output = try SiteOutput(
            paths: Set(
                pages.map(\.outputPath) + pages.map(\.sourcePath) + lists.map(\.outputPath) + published.map(\.0)
                    + ["sitemap.xml", ".nojekyll", MarkdownCopies.index, OutputGuard.marker]),
            staging: staging, display: options.output.path)
        // First: a build that fails puts this folder back as the previous build, which the next build must know.
        try output.write(OutputGuard.marker, text: OutputGuard.markerText)
        options.progress?("rendering \(pages.count + lists.count) pages")
        let includes = CodeInclude(contentRoot: options.content, pin: config.connect)
        // Each page is written as soon as it is rendered: the site is never held in memory.
        // A page that fails gives its errors, and the others go on: one build shows every problem.
        let rendered = try pages.parallelMap { page -> Result<RenderOutcome, SiteErrors> in
            do {
                let (html, outcome) = try render(
                    page, links: links, sections: sections, config: config, templates: templates, extras: extras)
                try output.write(page.outputPath, text: html)
                try output.write(page.sourcePath, text: try MarkdownCopies.text(of: page, includes: includes))
                return .success(outcome)
            } catch {
                guard let errors = SiteErrors.flattening([error]) else { throw error }
                return .failure(SiteErrors(errors))
            }
        }
        // Every page has said which anchors it has: the links into other pages can be checked (those into a page
        // that failed cannot be, and are not).
        var anchors: [String: Set<String>] = [:]
        var failed: [SiteError] = []
        var brokenLinks: [SiteError] = []
        for (page, result) in zip(pages, rendered) {
            switch result {
            case .success(let outcome):
                anchors[page.sourcePath] = outcome.anchors
                brokenLinks += outcome.brokenLinks
            case .failure(let errors): failed += errors.errors
            }
        }
        let outcomes = rendered.compactMap { try? $0.get() }
        do {
            try LinkResolver.check(outcomes.flatMap(\.pendingAnchors).filter { anchors[$0.page] != nil }, anchors: anchors)
        } catch {
            brokenLinks += SiteErrors.flattening([error]) ?? []
        }
        // `links: warn` (or --links warn): broken links are told, left as written, and the site is built.
        let linksWarn = (options.linkCheck ?? config.links) == .warn
        if !linksWarn { failed += brokenLinks }
        if !failed.isEmpty { throw failed.count == 1 ? failed[0] as any Error : SiteErrors(failed) }
        let linkWarnings = linksWarn ? brokenLinks.map { SiteWarning(file: $0.file, line: $0.line ?? 1, $0.message) } : []
        try output.write(
            MarkdownCopies.index, text: MarkdownCopies.llmsText(pages: pages, config: config, baseURL: options.baseURL))
        try lists.parallelForEach { list in
            try output.write(list.outputPath, text: renderList(list, sections: sections, config: config, templates: templates))
        }
        for (path, asset) in published {
            switch asset {
            case .text(let text): try output.write(path, text: text)
            case .copy(let source): try output.copy(path, from: source)
            }
        }
        try output.write("sitemap.xml", text: sitemap)
        try output.write(".nojekyll", text: "")
        let searchIndex = try indexForSearch(staging.url, with: pagefind)
        try output.swap(into: options.output)
        written = true
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let state = State(
            config: config, guardian: guardian, scan: scan, templates: templates, pages: pages, anchors: anchors, links: links,
            sections: sections, fingerprints: fingerprints, extras: extras, searchIndexer: pagefind, outside: outside)
        var summary = Summary(
            pages: pages.count + lists.count, assets: published.count, seconds: seconds, output: options.output,
            warnings: outcomes.flatMap(\.warnings) + linkWarnings, searchIndexer: pagefind, searchIndex: searchIndex)
        summary.notes = searchNote.map { [$0] } ?? []
        return (summary, state)
    }

    // MARK: - Steps

    private func readPages(_ scan: ContentScan, pin: ConnectPin, guardian: PinGuard) throws -> [Page] {
        let displayRoot = display(options.content)
        let pages = try scan.markdown.parallelMap {
            try readPage($0, displayRoot: displayRoot, pin: pin, guardian: guardian, scan: scan)
        }
        return pages.filter { options.includeDrafts || !$0.frontMatter.draft }
    }

    func checkLayouts(_ pages: [Page], templates: TemplateSet) throws {
        for page in pages {
            if let layout = page.frontMatter.layout, !templates.names.contains(layout) {
                throw SiteError(
                    file: page.displayPath, line: page.frontMatter.keyLines["layout"],
                    "unknown layout `\(layout)` (templates: \(templates.names.sorted().joined(separator: ", ")))")
            }
        }
    }

    func linkResolver(
        _ pages: [Page], scan: ContentScan, sections: SiteSections, fingerprints: AssetFingerprints, outside: OutsideFiles?
    ) -> LinkResolver {
        let assets = Set(scan.assets)
        return LinkResolver(
            pagesBySource: Dictionary(uniqueKeysWithValues: pages.map { ($0.sourcePath, $0) }),
            assets: assets,
            directoriesWithIndex: scan.directories.filter { assets.contains($0 + "/index.html") || sections.isSection($0) },
            basePath: options.baseURL.path, fingerprints: fingerprints, outside: outside)
    }

    /// Reads and parses one page; `displayRoot` is the content folder as messages name it.
    func readPage(_ path: String, displayRoot: String, pin: ConnectPin, guardian: PinGuard, scan: ContentScan) throws -> Page {
        let displayPath = "\(displayRoot)/\(path)"
        let text = try TextFile.read(path: contentPath + "/" + path, displayPath: displayPath)
        return try Page(
            sourcePath: path, displayPath: displayPath, text: text, pin: pin, guardian: guardian,
            isFolderIndex: scan.readmeIndexes.contains(path))
    }

    enum Asset: Sendable {
        case text(String)
        case copy(URL)
    }

    /// Text assets with their placeholders substituted (and checked for the pin), others to copy as they are.
    /// - Parameter theme: the built-in theme's assets the content folder does not have, by path.
    private func processAssets(
        _ paths: [String], theme: [String: String], config: SiteConfig, guardian: PinGuard
    ) throws -> [(String, Asset)] {
        try paths.map { path in
            if let text = theme[path] {
                let displayPath = "build-site's theme: \(path)"
                return (
                    path, .text(try TextAsset.process(text, displayPath: displayPath, pin: config.connect, guardian: guardian))
                )
            }
            let url = options.content.appendingPathComponent(path)
            guard TextAsset.isText(path) else { return (path, .copy(url)) }
            let displayPath = display(options.content, path)
            let text = try TextFile.read(url, displayPath: displayPath)
            return (path, .text(try TextAsset.process(text, displayPath: displayPath, pin: config.connect, guardian: guardian)))
        }
    }

    /// A path as the author knows it: relative to the working directory when inside it.
    func display(_ folder: URL, _ path: String? = nil) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        var shown = folder.standardizedFileURL.path
        if shown.hasPrefix(cwd + "/") { shown = String(shown.dropFirst(cwd.count + 1)) }
        return path.map { "\(shown)/\($0)" } ?? shown
    }
}
