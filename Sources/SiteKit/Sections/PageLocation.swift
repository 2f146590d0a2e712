import Mustache

/// Where one page stands in the site, as its template sees it: `nav` (the top level, with only the page's own
/// section chain opened, every long list cut to a window around the page), `breadcrumbs`, `previous` and `next`
/// within its section, and `section`. None of it grows with the size of the site.
struct PageLocation {
    /// Lists longer than this show a window around the current entry and a link to the whole list.
    static let fullListLimit = 10
    static let windowRadius = 3
    /// Entries per page of a section's list.
    static let listPageSize = 50

    let sections: SiteSections
    let basePath: String

    /// What is being rendered: a page, or the index of a section (its `index.md` or a generated list).
    enum Subject {
        case page(sourcePath: String, folder: String)
        case sectionIndex(folder: String)
    }

    /// Every name `values(for:)` may set: templates that use none of them never have them worked out.
    /// A list, not a set: a template asks at every name the page's own values lack, and comparing seven short
    /// names costs less than hashing one.
    static let valueNames: [String] = ["nav", "breadcrumbs", "hasBreadcrumbs", "previous", "next", "hasPager", "section"]

    /// The template values: `nav`, `breadcrumbs`, `previous`, `next`, `section`.
    func values(for subject: Subject, listPage: Int = 1) -> TemplateValues {
        let trail = breadcrumbs(for: subject)
        var values: TemplateValues = [
            "nav": navigation(for: subject),
            "breadcrumbs": trail,
            "hasBreadcrumbs": !trail.isEmpty,
        ]
        let (previous, next) = neighbours(of: subject)
        if let previous { values["previous"] = link(previous) }
        if let next { values["next"] = link(next) }
        values["hasPager"] = previous != nil || next != nil
        if let section = sectionValues(for: subject, listPage: listPage) { values["section"] = section }
        return values
    }

    /// Percent-encoded: a page named `sp ace.md` or `q?x=1.md` is linked as `sp%20ace/`, `q%3Fx=1/`.
    private func url(_ path: String) -> String { basePath + path.percentEncodedPath }

    private func link(_ item: SiteSections.Item) -> TemplateValues {
        ["title": item.title, "label": item.label, "url": url(item.urlPath)]
    }

    // MARK: Navigation

    /// `{items: […], more: {url, count, title}?}`; an open section's item holds its own `list`.
    private func navigation(for subject: Subject) -> NavList {
        let (currentKey, openFolders) = position(of: subject)
        return list("", current: currentKey, open: openFolders)
    }

    /// The key of the current entry, and the folders to open (the page's section chain).
    private func position(of subject: Subject) -> (String, Set<String>) {
        var folder: String
        let current: String
        switch subject {
        case .page(let source, let pageFolder):
            current = source
            folder = pageFolder
        case .sectionIndex(let sectionFolder):
            current = sectionFolder
            folder = sectionFolder
        }
        var open: Set<String> = []
        while !folder.isEmpty {
            open.insert(folder)
            folder = SiteSections.Section.parent(of: folder)
        }
        return (current, open)
    }

    private func list(_ folder: String, current: String, open: Set<String>) -> NavList {
        guard let section = sections.sections[folder] else { return NavList(items: [], more: nil) }
        let items = section.items
        var shown = items.indices
        var more: TemplateValues?
        if items.count > Self.fullListLimit {
            let focus = focusPosition(in: folder, current: current, open: open) ?? 0
            let start = max(0, min(focus - Self.windowRadius, items.count - 2 * Self.windowRadius - 1))
            shown = start..<min(items.count, start + 2 * Self.windowRadius + 1)
            more = ["url": url(section.urlPath), "count": items.count, "title": section.title]
        }
        var entries: [NavEntry] = []
        entries.reserveCapacity(shown.count + 1)
        // The top list starts with the home page (the top section's index), under its navigation label.
        if folder.isEmpty, section.indexSource != nil {
            entries.append(
                NavEntry(label: section.label, title: section.title, url: url(""), current: current == "", isSection: false))
        }
        for index in shown {
            let item = items[index]
            var entry = NavEntry(
                label: item.label, title: item.title, url: url(item.urlPath), current: item.key == current,
                isSection: item.kind == .section)
            if item.kind == .section, open.contains(item.key) {
                entry.list = list(item.key, current: current, open: open)
            }
            entries.append(entry)
        }
        return NavList(items: entries, more: more)
    }

    /// The position in `folder`'s list of the current entry, or of the open subsection that leads to it.
    private func focusPosition(in folder: String, current: String, open: Set<String>) -> Int? {
        if sections.sectionOfItem(current) == folder, let position = sections.itemPosition[current] {
            return position
        }
        for child in open where SiteSections.Section.parent(of: child) == folder {
            return sections.itemPosition[child]
        }
        return nil
    }

    // MARK: Breadcrumbs, previous and next

    private func breadcrumbs(for subject: Subject) -> [TemplateValues] {
        var folder: String
        switch subject {
        case .page(_, let pageFolder): folder = pageFolder
        case .sectionIndex(let sectionFolder):
            if sectionFolder.isEmpty { return [] }
            folder = SiteSections.Section.parent(of: sectionFolder)
        }
        var trail: [TemplateValues] = []
        while true {
            if let section = sections.sections[folder] {
                trail.insert(["title": section.title, "label": section.label, "url": url(section.urlPath)], at: 0)
            }
            if folder.isEmpty { break }
            folder = SiteSections.Section.parent(of: folder)
        }
        return trail
    }

    /// The pages before and after, within the section; a section's index leads to its first page.
    private func neighbours(of subject: Subject) -> (SiteSections.Item?, SiteSections.Item?) {
        switch subject {
        case .sectionIndex(let folder):
            return (nil, pageItem(in: folder, at: 0))
        case .page(let source, let folder):
            guard let index = sections.pagePosition[source], sections.sectionOfPage[source] == folder else {
                return (nil, nil)
            }
            return (pageItem(in: folder, at: index - 1), pageItem(in: folder, at: index + 1))
        }
    }

    /// The section's `index`th page (pages only, subsections skipped), if there is one.
    private func pageItem(in folder: String, at index: Int) -> SiteSections.Item? {
        guard let positions = sections.pageItems[folder], positions.indices.contains(index),
            let items = sections.sections[folder]?.items
        else { return nil }
        return items[positions[index]]
    }

    // MARK: Section

    /// `section`: the page's own section (title, url); on a section's index, one page of its list too.
    private func sectionValues(for subject: Subject, listPage: Int) -> TemplateValues? {
        switch subject {
        case .page(_, let folder):
            guard !folder.isEmpty, let section = sections.sections[folder] else { return nil }
            return ["title": section.title, "label": section.label, "url": url(section.urlPath), "count": section.items.count]
        case .sectionIndex(let folder):
            guard let section = sections.sections[folder], !section.items.isEmpty else { return nil }
            let pageCount = Self.listPageCount(section)
            let page = min(max(1, listPage), pageCount)
            let slice = section.items.dropFirst((page - 1) * Self.listPageSize).prefix(Self.listPageSize)
            var values: TemplateValues = [
                "title": section.title, "label": section.label, "url": url(section.urlPath), "count": section.items.count,
                "items": slice.map { item -> TemplateValues in
                    [
                        "title": item.title, "url": url(item.urlPath), "isSection": item.kind == .section,
                        "description": item.description.isEmpty ? false : item.description,
                    ]
                },
                "listPage": page, "listPageCount": pageCount, "isPaginated": pageCount > 1, "hasItems": true,
            ]
            if page > 1 { values["previousList"] = ["url": url(Self.listPagePath(section, page - 1))] }
            if page < pageCount { values["nextList"] = ["url": url(Self.listPagePath(section, page + 1))] }
            return values
        }
    }

    static func listPageCount(_ section: SiteSections.Section) -> Int {
        max(1, (section.items.count + listPageSize - 1) / listPageSize)
    }

    /// `guide/` for the first page of a section's list, `guide/page/2/` for the next ones.
    static func listPagePath(_ section: SiteSections.Section, _ page: Int) -> String {
        page <= 1 ? section.urlPath : section.urlPath + "page/\(page)/"
    }
}

/// A navigation list as templates see it: `items`, and `more` (`url`, `count`, `title`) when the list is cut.
/// Every name a nested list's template asks for answers, false when absent: Mustache would otherwise find the
/// enclosing list's `list` or `more` and repeat it (endlessly, for `list`). Lists and entries are structs that
/// answer by name rather than dictionaries: the navigation is most of a theme's lookups, and this makes each
/// one cheaper.
struct NavList: MustacheParent {
    let items: [NavEntry]
    let more: TemplateValues?

    func child(named name: String) -> Any? {
        switch name {
        case "items": items
        case "more": more ?? false
        default: nil
        }
    }
}

/// One entry of a navigation list: `label`, `title`, `url`, `current`, `isSection`, and `list` (an open
/// section's own list, else false).
struct NavEntry: MustacheParent {
    let label: String
    let title: String
    let url: String
    let current: Bool
    let isSection: Bool
    var list: NavList?

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "title": title
        case "url": url
        case "current": current
        case "isSection": isSection
        case "list": list ?? false
        default: nil
        }
    }
}
