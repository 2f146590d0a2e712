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

    /// Front matter of plain `key: value` lines is read without libyaml, and must come out as libyaml reads it.
    @Test(arguments: [
        "title: Hello\ndescription: A page about tokens, keys and C#\norder: 3\n",
        "title: Page 12 about token\n\nsearch: false\n",
        "image: https://example.com/a.png\ntitle:   spaced   \n", "nav: a - b\ntitle: x:y\n",
    ])
    func plainLinesAreReadAsLibyamlReadsThem(yaml: String) throws {
        let plain = try #require(YAMLMapping.plainLines(yaml))
        let composed = try #require(YAMLMapping.composedLines(yaml))
        #expect(plain.map { "\($0.key)=\($0.value)@\($0.line)" } == composed.map { "\($0.key)=\($0.value)@\($0.line)" })
    }

    /// Anything YAML could read otherwise goes to libyaml.
    @Test(arguments: [
        "title: 'quoted'\n", "title: a # comment\n", "title: a: b\n", "title: \"x\"\n", "title: [a]\n", "title: x\ntitle: y\n",
        "title:\n  nested: 1\n", "  title: x\n", "title: x\r\n", "title: \tx\n", "title: ~\n", "title: caf\u{E9}\n", "title:x\n",
        "# comment\ntitle: x\n", "title: |\n  block\n", "title: *alias\n", "---\ntitle: x\n", "title: x\n...\n", "",
    ])
    func anythingElseGoesToLibyaml(yaml: String) {
        #expect(YAMLMapping.plainLines(yaml) == nil)
    }

    @Test func badYAMLNamesTheFileLine() {
        let source = "---\ntitle: Hello\ndescription: [unclosed\n---\nbody\n"
        let error = #expect(throws: SiteError.self) { try FrontMatter.split(source, file: "p.md") }
        #expect(error?.file == "p.md")
        #expect(error?.line == 4 || error?.line == 3)
        #expect(error?.message.contains("invalid YAML") == true)
    }

    /// Spaces and tabs of any script do not make a title; anything else does.
    @Test(arguments: [("\"  \"", false), ("\"\\t\"", false), ("\"\u{3000}\"", false), ("\" a \"", true), ("\"\u{3000}a\"", true)])
    func aTitleOfSpacesIsAnError(title: String, accepted: Bool) {
        let source = "---\ntitle: \(title)\n---\n"
        #expect(((try? FrontMatter.split(source, file: "p.md")) != nil) == accepted, "\(title)")
    }

    /// A title left out is found later (the first `#` heading, else the file name), not an error.
    @Test func aMissingTitleIsLeftToThePage() throws {
        #expect(try FrontMatter.split("---\ndescription: x\n---\n", file: "p.md").frontMatter.title == nil)
    }

    @Test(arguments: [("tilte", "title"), ("titel", "title"), ("descripton", "description"), ("Title", "title"), ("nav", nil)])
    func misspelledKeysAreNamed(key: String, meant: String?) {
        let found = FrontMatter.knownKeys.first { FrontMatter.isLikelyMisspelling(key, of: $0) }
        #expect(found == meant, "\(key)")
    }

    @Test func wrongTypeNamesTheKeyLine() {
        let error = #expect(throws: SiteError.self) { try FrontMatter.split("---\ntitle: T\norder: first\n---\n", file: "p.md") }
        #expect(error?.line == 3)
        #expect(error?.message.contains("`order` must be an integer") == true)
    }

    @Test func missingOrUnclosedFrontMatter() throws {
        let none = try FrontMatter.split("# no front matter\n", file: "p.md")
        #expect(none.frontMatter.title == nil && none.bodyLineOffset == 0 && none.body == "# no front matter\n")
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
