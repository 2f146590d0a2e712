import Foundation
import Mustache
import Testing

@testable import SiteKit

/// The template root works out where a page stands only when a template asks, and then once.
@Suite struct TemplateDataTests {
    final class Calls { var count = 0 }

    static func render(_ template: String, counting calls: Calls) throws -> String {
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: template), named: "page")
        let data = TemplateData(["page": ["title": "T"]]) {
            calls.count += 1
            return ["nav": ["items": [["label": "Home"]]], "next": ["url": "/b/"], "hasPager": true]
        }
        return library.render(data, withTemplate: "page") ?? ""
    }

    @Test func locationIsWorkedOutOnlyWhenATemplateAsksAndThenOnce() throws {
        let none = Calls()
        #expect(try Self.render("<nav>{{page.title}}</nav>{{#page}}{{missing}}{{/page}}", counting: none) == "<nav>T</nav>")
        #expect(none.count == 0, "a name outside the location is not a reason to work it out")

        let once = Calls()
        let html = try Self.render(
            "{{#nav.items}}{{label}}{{/nav.items}} {{#hasPager}}{{next.url}}{{/hasPager}}{{^previous}} none{{/previous}}",
            counting: once)
        #expect(html == "Home /b/ none")
        #expect(once.count == 1)
    }

    @Test func everyLocationValueHasAName() {
        let facts = (0..<30).map { index in
            SiteSections.PageFacts(
                sourcePath: index == 0 ? "index.md" : "guide/page-\(index).md", title: "P\(index)", label: "P\(index)",
                description: "", urlPath: index == 0 ? "" : "guide/page-\(index)/", order: nil)
        }
        let location = PageLocation(sections: SiteSections(pages: facts), basePath: "/")
        let subjects: [PageLocation.Subject] = [
            .sectionIndex(folder: ""), .sectionIndex(folder: "guide"), .page(sourcePath: "guide/page-15.md", folder: "guide"),
        ]
        for subject in subjects {
            let names = Set(location.values(for: subject).names)
            #expect(names.isSubset(of: Set(PageLocation.valueNames)), "\(names.subtracting(PageLocation.valueNames))")
            #expect(names.contains("nav") && names.contains("breadcrumbs"))
        }
    }

    @Test func templateValuesAnswerByNameAndKeepTheirOrder() throws {
        var values: TemplateValues = ["title": "T", "count": 2]
        values["url"] = "/a/"
        values["title"] = "U"
        values["count"] = nil
        #expect(values.names == ["title", "url"])
        #expect(values.child(named: "title") as? String == "U")
        #expect(values.child(named: "count") == nil)
        var library = MustacheLibrary()
        library.register(
            try MustacheTemplate(string: "{{#page}}<a href=\"{{url}}\">{{title}}</a>{{missing}}{{/page}}"), named: "t")
        #expect(library.render(["page": values] as TemplateValues, withTemplate: "t") == #"<a href="/a/">U</a>"#)
    }
}
