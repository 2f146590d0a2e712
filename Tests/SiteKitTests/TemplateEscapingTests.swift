import Foundation
import Mustache
import Testing

@testable import SiteKit

/// Templates escape data with build-site's own escaper (selected by a pragma in front of every template); what
/// reaches the page must be exactly what swift-mustache's HTML escaping writes.
@Suite struct TemplateEscapingTests {
    static let samples = [
        "", "plain", #"<script>alert("x")</script>"#, "Tom & Jerry's", "a'b\"c<d>e&f", "&amp; already",
        "é café ñ 日本語 🙂", "e\u{301} combining", "line\nbreak\ttab", "\u{0}nul", String(repeating: "<&>", count: 200),
    ]

    @Test(arguments: samples)
    func escapesAsSwiftMustacheDoes(_ text: String) throws {
        let mustache = try MustacheTemplate(string: "{{value}}").render(["value": text])
        #expect(HTML.escapeForTemplate(text) == mustache)
    }

    @Test func everyTemplateOfTheSiteRendersAsWithoutThePragma() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escaping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = "<p title='{{value}}'>{{value}}</p>\n{{#list}}\n<li>{{.}}</li>\n{{/list}}\n{{> part}}\n"
        try source.write(to: folder.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try "<i>{{value}}</i>\n".write(to: folder.appendingPathComponent("part.mustache"), atomically: true, encoding: .utf8)
        let pin = try ConnectPin(
            version: "1.2.1", urlTemplate: "https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js",
            integrity: nil, file: "site.yml", lines: [:])
        let templates = try TemplateSet.load(
            from: folder, displayRoot: "templates", guardian: PinGuard(pin: pin, configFile: "site.yml"))
        var plain = MustacheLibrary()
        plain.register(try MustacheTemplate(string: source), named: "page")
        plain.register(try MustacheTemplate(string: "<i>{{value}}</i>\n"), named: "part")
        for text in Self.samples {
            let context: TemplateValues = ["value": text, "list": [text, "x"]]
            #expect(
                templates.render(TemplateData(context, location: { [:] }), layout: "page")
                    == plain.render(context, withTemplate: "page"))
        }
    }
}

@Suite struct ByteSearchTests {
    @Test func findsAPatternAnywhereAndOnlyWhole() {
        let text = Array("find the [link](target.md) here".utf8)[...]
        #expect(ByteSearch.contains(Array("[link]".utf8), in: text))
        #expect(ByteSearch.contains(Array("find".utf8), in: text))
        #expect(ByteSearch.contains(Array("here".utf8), in: text))
        #expect(ByteSearch.contains([], in: text))
        #expect(!ByteSearch.contains(Array("there".utf8), in: text))
        #expect(!ByteSearch.contains(Array("here!".utf8), in: text))
        #expect(!ByteSearch.contains(Array("x".utf8), in: [][...]))
        // A slice that does not start at zero.
        let slice = text.dropFirst(9)
        #expect(ByteSearch.contains(Array("[link]".utf8), in: slice))
        #expect(!ByteSearch.contains(Array("find".utf8), in: slice))
    }
}
