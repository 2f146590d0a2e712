import Foundation
import Testing

@testable import SiteKit

@Suite struct FrontMatterTests {
    @Test func readsFieldsAndBody() throws {
        let source = "---\ntitle: Hello\ndescription: A page\norder: 3\ndraft: true\nlayout: wide\n---\n# Body\n"
        let parts = try FrontMatter.split(source, file: "p.md")
        #expect(parts.frontMatter.title == "Hello")
        #expect(parts.frontMatter.description == "A page")
        #expect(parts.frontMatter.order == 3)
        #expect(parts.frontMatter.draft)
        #expect(parts.frontMatter.layout == "wide")
        #expect(parts.frontMatter.keyLines["layout"] == 6)
        #expect(parts.body == "# Body\n")
        #expect(parts.bodyLineOffset == 7)
    }

    @Test func badYAMLNamesTheFileLine() {
        let source = "---\ntitle: Hello\ndescription: [unclosed\n---\nbody\n"
        let error = #expect(throws: SiteError.self) { try FrontMatter.split(source, file: "p.md") }
        #expect(error?.file == "p.md")
        #expect(error?.line == 4 || error?.line == 3)
        #expect(error?.message.contains("invalid YAML") == true)
    }

    @Test func missingTitleIsAnError() {
        let error = #expect(throws: SiteError.self) { try FrontMatter.split("---\ndescription: x\n---\n", file: "p.md") }
        #expect(error?.message.contains("title") == true)
        #expect(error?.line == 2)
    }

    @Test func wrongTypeNamesTheKeyLine() {
        let error = #expect(throws: SiteError.self) { try FrontMatter.split("---\ntitle: T\norder: first\n---\n", file: "p.md") }
        #expect(error?.line == 3)
        #expect(error?.message.contains("`order` must be an integer") == true)
    }

    @Test func missingOrUnclosedFrontMatter() {
        #expect(throws: SiteError.self) { try FrontMatter.split("# no front matter\n", file: "p.md") }
        let error = #expect(throws: SiteError.self) { try FrontMatter.split("---\ntitle: x\n", file: "p.md") }
        #expect(error?.message.contains("not closed") == true)
    }

    @Test func invalidUTF8ReportsItsLine() {
        var data = Data("line one\nline two\n".utf8)
        data.append(contentsOf: [0x61, 0xC3, 0x28, 0x0A])
        let error = #expect(throws: SiteError.self) { try TextFile.decode(data, displayPath: "bad.md") }
        #expect(error?.line == 3)
        #expect(error?.file == "bad.md")
    }
}
