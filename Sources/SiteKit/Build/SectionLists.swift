extension SiteBuild {
    /// A page of a section's list: the section's index when it has no `index.md`, and the further pages of long
    /// lists (`guide/page/2/`).
    struct SectionListPage: Sendable {
        let folder: String
        let page: Int
        let urlPath: String
        var outputPath: String { urlPath + "index.html" }
    }

    func sectionListPages(_ sections: SiteSections) -> [SectionListPage] {
        sections.sections.values.sorted { $0.folder < $1.folder }.flatMap { section -> [SectionListPage] in
            let first = section.indexSource == nil && !section.folder.isEmpty ? 1 : 2
            let last = PageLocation.listPageCount(section)
            guard first <= last else { return [] }
            return (first...last).map {
                SectionListPage(folder: section.folder, page: $0, urlPath: PageLocation.listPagePath(section, $0))
            }
        }
    }

    /// A generated page of a section's list, through the `section` layout (or `page` when the theme has none).
    func renderList(_ list: SectionListPage, sections: SiteSections, config: SiteConfig, templates: TemplateSet) -> String {
        let location = PageLocation(sections: sections, basePath: options.baseURL.path)
        let section = sections.sections[list.folder]
        let context = PageContext.make(
            listing: section?.title ?? "", description: section?.description ?? "", urlPath: list.urlPath, config: config,
            baseURL: options.baseURL, location: { location.values(for: .sectionIndex(folder: list.folder), listPage: list.page) })
        return templates.render(context, layout: templates.names.contains("section") ? "section" : TemplateSet.defaultLayout)
    }
}
