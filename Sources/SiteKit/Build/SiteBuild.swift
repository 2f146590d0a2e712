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
        /// Told each step as it starts (e.g. "rendering 4000 pages"), for a progress line on a terminal.
        public var progress: (@Sendable (String) -> Void)?

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
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    public func run() throws -> Summary {
        try runKeepingState().summary
    }

    /// What a later incremental rebuild needs from a full build.
    struct State {
        var config: SiteConfig
        var guardian: PinGuard
        var scan: ContentScan
        var templates: TemplateSet
        var pages: [Page]
        var links: LinkResolver
        var navigation: [PageContext.NavigationEntry]
    }

    func runKeepingState() throws -> (summary: Summary, state: State) {
        let started = DispatchTime.now()
        let staging = StagingFolder(for: options.output)
        var written = false
        defer { if !written { staging.abandon(output: options.output) } }
        let config = try loadConfig()
        let guardian = PinGuard(pin: config.connect, configFile: display(options.content, SiteConfig.fileName))
        let scan = try ContentScan.scan(options.content, displayRoot: display(options.content))
        let templates = try TemplateSet.load(from: options.templates, displayRoot: display(options.templates), guardian: guardian)
        options.progress?("reading \(scan.markdown.count) pages")
        let pages = try readPages(scan.markdown, pin: config.connect, guardian: guardian)
        try checkLayouts(pages, templates: templates)
        var output = SiteOutput()
        options.progress?("rendering \(pages.count) pages")
        let links = linkResolver(pages, scan: scan)
        let navigation = PageContext.navigation(pages)
        let rendered = try pages.parallelMap { page in
            try render(page, links: links, navigation: navigation, config: config, templates: templates)
        }
        for (page, html) in zip(pages, rendered) { output.add(page.outputPath, text: html) }
        let assetCount = try copyAssets(scan.assets, config: config, guardian: guardian, into: &output)
        addSitemap(pages: pages, scan: scan, into: &output)
        output.add(".nojekyll", text: "")
        options.progress?("writing \(output.files.count) files")
        try output.write(replacing: options.output, staging: staging)
        written = true
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let state = State(
            config: config, guardian: guardian, scan: scan, templates: templates, pages: pages, links: links,
            navigation: navigation)
        return (Summary(pages: pages.count, assets: assetCount, seconds: seconds, output: options.output), state)
    }

    // MARK: - Steps

    private func loadConfig() throws -> SiteConfig {
        let url = options.content.appendingPathComponent(SiteConfig.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SiteError(
                file: display(options.content, SiteConfig.fileName),
                "site config not found: it sets the title and the connect pin")
        }
        var config = try SiteConfig.load(from: url, displayPath: display(options.content, SiteConfig.fileName))
        if let standIn = options.connectStandIn { config.connect = config.connect.replaced(by: standIn) }
        return config
    }

    private func readPages(_ paths: [String], pin: ConnectPin, guardian: PinGuard) throws -> [Page] {
        let displayRoot = display(options.content)
        let pages = try paths.parallelMap { try readPage($0, displayRoot: displayRoot, pin: pin, guardian: guardian) }
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

    func linkResolver(_ pages: [Page], scan: ContentScan) -> LinkResolver {
        LinkResolver(
            pagesBySource: Dictionary(uniqueKeysWithValues: pages.map { ($0.sourcePath, $0) }),
            assets: Set(scan.assets),
            directoriesWithIndex: scan.directories.filter { scan.assets.contains($0 + "/index.html") },
            basePath: options.baseURL.path)
    }

    /// One page through includes, links, highlighting, Markdown and its layout.
    func render(
        _ page: Page, links: LinkResolver, navigation: [PageContext.NavigationEntry], config: SiteConfig, templates: TemplateSet
    ) throws -> String {
        let includes = CodeInclude(contentRoot: options.content, pin: config.connect)
        let document = try page.document
            .rewritingCodeBlocks { block in
                let expanded = try includes.expand(block, page: page)
                return SyntaxHighlighter.codeBlock(expanded.code, info: expanded.info).map(MarkdownBlock.html)
                    ?? .codeBlock(expanded)
            }
            .rewritingLinks { try links.resolve($0, on: page) }
        let html = MarkdownHTML.render(document, headingIDs: page.headingIDs)
        let context = PageContext.make(page: page, html: html, config: config, baseURL: options.baseURL, navigation: navigation)
        return templates.render(context, layout: page.frontMatter.layout ?? TemplateSet.defaultLayout)
    }

    /// Reads and parses one page; `displayRoot` is the content folder as messages name it.
    func readPage(_ path: String, displayRoot: String, pin: ConnectPin, guardian: PinGuard) throws -> Page {
        let displayPath = "\(displayRoot)/\(path)"
        let text = try TextFile.read(path: options.content.path + "/" + path, displayPath: displayPath)
        return try Page(sourcePath: path, displayPath: displayPath, text: text, pin: pin, guardian: guardian)
    }

    private func copyAssets(_ paths: [String], config: SiteConfig, guardian: PinGuard, into output: inout SiteOutput) throws
        -> Int
    {
        for path in paths {
            let url = options.content.appendingPathComponent(path)
            if TextAsset.isText(path) {
                let displayPath = display(options.content, path)
                let text = try TextFile.read(url, displayPath: displayPath)
                output.add(
                    path, text: try TextAsset.process(text, displayPath: displayPath, pin: config.connect, guardian: guardian))
            } else {
                output.add(path, copying: url)
            }
        }
        return paths.count
    }

    private func addSitemap(pages: [Page], scan: ContentScan, into output: inout SiteOutput) {
        let pagePaths = pages.filter { !$0.isNotFoundPage }.map(\.urlPath)
        let htmlAssets = scan.assets.filter { $0.hasSuffix("index.html") }.map { String($0.dropLast("index.html".count)) }
        output.add("sitemap.xml", text: Sitemap.xml(baseURL: options.baseURL.absolute, paths: pagePaths + htmlAssets))
    }

    /// A path as the author knows it: relative to the working directory when inside it.
    func display(_ folder: URL, _ path: String? = nil) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        var shown = folder.standardizedFileURL.path
        if shown.hasPrefix(cwd + "/") { shown = String(shown.dropFirst(cwd.count + 1)) }
        return path.map { "\(shown)/\($0)" } ?? shown
    }
}
