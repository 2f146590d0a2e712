import Foundation
import Synchronization

/// A site kept in memory between builds, for `build-site serve`: after an edit to pages' text only, just those
/// pages are read, rendered and written again. Anything that other pages depend on (a title, order, draft flag,
/// layout or heading id; a template, the config, an asset; a page added or removed) rebuilds everything.
/// One build at a time: each holds the state for its whole run.
public final class IncrementalSite: Sendable {
    public struct Result: Sendable {
        public var summary: SiteBuild.Summary
        /// The pages rewritten on their own, or nil after a full build.
        public var rewrittenPages: [String]?
    }

    private let build: SiteBuild
    private let state = Mutex<SiteBuild.State?>(nil)

    public init(options: SiteBuild.Options) {
        build = SiteBuild(options: options)
    }

    public func buildAll() throws -> SiteBuild.Summary {
        try state.withLock { state in try buildAll(&state) }
    }

    private func buildAll(_ state: inout SiteBuild.State?) throws -> SiteBuild.Summary {
        state = nil
        let (summary, built) = try build.runKeepingState()
        state = built
        return summary
    }

    /// Rebuilds after changes to `paths` (absolute). On an error nothing is written.
    public func rebuild(changed paths: Set<String>) throws -> Result {
        try state.withLock { state in try rebuild(changed: paths, state: &state) }
    }

    private func rebuild(changed paths: Set<String>, state stored: inout SiteBuild.State?) throws -> Result {
        let started = DispatchTime.now()
        let contentRoot = build.options.content.standardizedFileURL.path + "/"
        let relative = paths.map { $0.hasPrefix(contentRoot) ? String($0.dropFirst(contentRoot.count)) : "" }
        guard let state = stored, !relative.isEmpty,
            relative.allSatisfy({ path in
                path.hasSuffix(".md") && state.pages.contains { $0.sourcePath.utf8.elementsEqual(path.utf8) }
            })
        else {
            return Result(summary: try buildAll(&stored), rewrittenPages: nil)
        }
        var pages = state.pages
        var changed: [Page] = []
        for path in Set(relative).sorted() {
            // A page that became a link (or went away) is for a full build, whose walk checks where links lead.
            var status = stat()
            guard lstat(contentRoot + path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                return Result(summary: try buildAll(&stored), rewrittenPages: nil)
            }
            let page = try build.readPage(
                path, displayRoot: build.display(build.options.content), pin: state.config.connect, guardian: state.guardian,
                scan: state.scan)
            guard let index = pages.firstIndex(where: { $0.sourcePath.utf8.elementsEqual(path.utf8) }),
                Self.othersUnaffected(old: pages[index], new: page)
            else {
                return Result(summary: try buildAll(&stored), rewrittenPages: nil)
            }
            try build.checkLayouts([page], templates: state.templates)
            pages[index] = page
            changed.append(page)
        }
        let links = build.linkResolver(
            pages, scan: state.scan, sections: state.sections, fingerprints: state.fingerprints, outside: state.outside)
        var rewritten: [(page: Page, html: String)] = []
        var pending: [LinkResolver.PendingAnchor] = []
        var warnings: [SiteWarning] = []
        var broken: [SiteError] = []
        for page in changed {
            let (html, outcome) = try build.render(
                page, links: links, sections: state.sections, config: state.config, templates: state.templates,
                extras: state.extras)
            // Other pages' links may name its anchors: when those change, if only in their bytes (an accent spelled
            // another way), they are all checked again.
            guard let before = state.anchors[page.sourcePath], outcome.anchors.count == before.count,
                outcome.anchors.allSatisfy({ LinkResolver.missing($0, in: before) == nil })
            else {
                return Result(summary: try buildAll(&stored), rewrittenPages: nil)
            }
            rewritten.append((page, html))
            pending += outcome.pendingAnchors
            warnings += outcome.warnings
            broken += outcome.brokenLinks
        }
        do {
            try LinkResolver.check(pending, anchors: state.anchors)
        } catch {
            broken += SiteErrors.flattening([error]) ?? []
        }
        if (build.options.linkCheck ?? state.config.links) == .warn {
            warnings += broken.map { SiteWarning(file: $0.file, line: $0.line ?? 1, $0.message) }
        } else if broken.count == 1 {
            throw broken[0]
        } else if !broken.isEmpty {
            throw SiteErrors(broken)
        }
        let includes = CodeInclude(contentRoot: build.options.content, pin: state.config.connect)
        for (page, html) in rewritten {
            try AtomicFile.replace(build.options.output.appendingPathComponent(page.outputPath), with: html)
            try AtomicFile.replace(
                build.options.output.appendingPathComponent(page.sourcePath),
                with: try MarkdownCopies.text(of: page, includes: includes))
        }
        stored?.pages = pages
        stored?.links = links
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Result(
            summary: SiteBuild.Summary(
                pages: rewritten.count, assets: 0, seconds: seconds, output: build.options.output, warnings: warnings,
                searchIndexer: state.searchIndexer),
            rewrittenPages: rewritten.map(\.page.sourcePath))
    }

    /// Whether other pages render the same after this page changed: what the navigation, section lists and
    /// previous/next links show of it (title, label, description, order) and its URL stay as they were (its anchors
    /// are compared once it has rendered). Anything else rebuilds everything, which is simpler than finding whose
    /// navigation shows it.
    ///
    /// Texts compare by bytes: a title respelled in another Unicode form (`é` as `e` and a combining accent) is
    /// `==` to Swift but new bytes in every page that shows it.
    static func othersUnaffected(old: Page, new: Page) -> Bool {
        func same(_ a: String?, _ b: String?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
            default: false
            }
        }
        return same(old.title, new.title) && same(old.frontMatter.nav, new.frontMatter.nav)
            && same(old.frontMatter.description, new.frontMatter.description)
            && old.frontMatter.order == new.frontMatter.order && old.frontMatter.draft == new.frontMatter.draft
            && same(old.urlPath, new.urlPath)
    }
}
