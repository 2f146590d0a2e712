/// The site's structure: every folder that holds pages is a section, with the folder's `index.md` (or a generated
/// list) as its index page; the content root is the top section, whose index is the home page. Gathered from
/// small per-page facts (path, title, label, order), before any page renders.
struct SiteSections: Sendable {
    /// A page or a subsection as a section lists it.
    struct Item: Sendable, Equatable {
        enum Kind: Sendable { case page, section }
        let kind: Kind
        /// The page's source path, or the section's folder.
        let key: String
        let title: String
        /// The navigation label: front matter `nav`, else the title.
        let label: String
        let description: String
        let urlPath: String
        let order: Int?
    }

    struct Section: Sendable {
        /// Relative to the content folder; "" for the top section.
        let folder: String
        let title: String
        let label: String
        let description: String
        let urlPath: String
        /// The folder's `index.md`, when it has one; otherwise build-site writes a list.
        let indexSource: String?
        /// Pages (not the index) and subsections, in order.
        var items: [Item]
        var parent: String? { folder.isEmpty ? nil : Self.parent(of: folder) }

        static func parent(of folder: String) -> String { SiteSections.folder(of: folder) }
    }

    /// The facts about one page that the structure needs.
    struct PageFacts: Sendable {
        let sourcePath: String
        let title: String
        let label: String
        let description: String
        let urlPath: String
        let order: Int?
    }

    private(set) var sections: [String: Section] = [:]
    /// The section each page belongs to (an index page belongs to its own folder's section).
    private(set) var sectionOfPage: [String: String] = [:]
    /// Where each item (by key) stands in its section's `items`, and among the section's pages, so that a page's
    /// place is found without walking a long section once per page.
    private(set) var itemPosition: [String: Int] = [:]
    private(set) var pagePosition: [String: Int] = [:]
    /// Per section, the positions in `items` of its pages.
    private(set) var pageItems: [String: [Int]] = [:]
    /// The pages that are a section's index.
    private var indexSources: Set<String> = []

    init(pages: [PageFacts]) {
        var folders: Set<String> = [""]
        var indexes: [String: PageFacts] = [:]
        sectionOfPage.reserveCapacity(pages.count)
        itemPosition.reserveCapacity(pages.count)
        pagePosition.reserveCapacity(pages.count)
        for page in pages where !Page.isNotFound(page.sourcePath) {
            // Every folder up to the root holds a section, so that nested pages are reachable from the top.
            var current = Self.folder(of: page.sourcePath)
            while !current.isEmpty {
                folders.insert(current)
                current = Section.parent(of: current)
            }
        }
        // A page whose URL is a section's is that section's index: `x/index.md`, `x/README.md` without an
        // index.md, and `x.md` beside a folder `x/` of pages (as GitHub, MkDocs and Hugo read them).
        var isIndex: Set<String> = []
        for page in pages where !Page.isNotFound(page.sourcePath) {
            let urlFolder = String(Substring(page.urlPath.utf8.dropLast(page.urlPath.isEmpty ? 0 : 1)))
            if folders.contains(urlFolder), indexes[urlFolder] == nil {
                indexes[urlFolder] = page
                isIndex.insert(page.sourcePath)
                sectionOfPage[page.sourcePath] = urlFolder
            } else {
                sectionOfPage[page.sourcePath] = Self.folder(of: page.sourcePath)
            }
        }
        indexSources = isIndex
        for folder in folders {
            let index = indexes[folder]
            let title = index?.title ?? Self.title(ofFolder: folder)
            sections[folder] = Section(
                folder: folder, title: title, label: index?.label ?? title, description: index?.description ?? "",
                urlPath: folder.isEmpty ? "" : folder + "/", indexSource: index?.sourcePath, items: [])
        }
        for page in pages where !Page.isNotFound(page.sourcePath) && !isIndex.contains(page.sourcePath) {
            sections[Self.folder(of: page.sourcePath)]?.items.append(
                Item(
                    kind: .page, key: page.sourcePath, title: page.title, label: page.label, description: page.description,
                    urlPath: page.urlPath, order: page.order))
        }
        for folder in folders where !folder.isEmpty {
            guard let section = sections[folder] else { continue }
            sections[section.parent ?? ""]?.items.append(
                Item(
                    kind: .section, key: folder, title: section.title, label: section.label,
                    description: section.description, urlPath: section.urlPath, order: indexes[folder]?.order))
        }
        for folder in folders {
            sections[folder]?.items.sort { left, right in
                if left.order != right.order { return (left.order ?? Int.max) < (right.order ?? Int.max) }
                let titles = NaturalOrder.compare(left.title, right.title)
                return titles != 0 ? titles < 0 : left.key < right.key
            }
            guard let items = sections[folder]?.items else { continue }
            var pages: [Int] = []
            for (position, item) in items.enumerated() {
                itemPosition[item.key] = position
                if item.kind == .page {
                    pagePosition[item.key] = pages.count
                    pages.append(position)
                }
            }
            pageItems[folder] = pages
        }
    }

    /// What comes before the last `/` (by bytes: found by Character, it took a tenth of the structure's time).
    static func folder(of sourcePath: String) -> String {
        sourcePath.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(Substring(sourcePath.utf8[..<$0])) } ?? ""
    }

    /// The folder whose section `sourcePath` is the index of, or nil for a page listed in a section.
    func indexFolder(of sourcePath: String) -> String? {
        indexSources.contains(sourcePath) ? sectionOfPage[sourcePath] : nil
    }

    /// `getting-started` → `Getting started`, for a folder without an `index.md` to name it.
    static func title(ofFolder folder: String) -> String {
        guard let name = folder.split(separator: "/").last else { return "Home" }
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Sections generated as lists, for folders without an `index.md`.
    var generatedSections: [Section] {
        sections.values.filter { $0.indexSource == nil && !$0.folder.isEmpty }.sorted { $0.folder < $1.folder }
    }

    /// The section that lists `key` (a page's source path or a subsection's folder).
    func sectionOfItem(_ key: String) -> String? {
        if let folder = sectionOfPage[key] { return folder }
        return key.isEmpty || sections[key] == nil ? nil : Section.parent(of: key)
    }

    /// Whether `folder` is a section (a link may name it with a trailing slash).
    func isSection(_ folder: String) -> Bool { sections[folder] != nil }
}
