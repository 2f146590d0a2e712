import Testing

@testable import SiteKit

@Suite struct HighlightTests {
    /// The highlighted HTML, with tags removed and entities decoded, is the code again.
    func text(of html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                text.append(character)
            }
        }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: [
        ("js", "import x from '{{u}}' // note\nconst a = 1 < 2 && `t` /* c */\n"),
        ("swift", "let s = \"\"\"\nhi\n\"\"\"\nfunc f() -> Int { return 0x1F }\n"),
        ("json", "{\"a\": [1, -2.5e3, true, null, \"x\\\"y\"]}\n"),
        ("css", "@media (x) { a:hover { color: #fff; margin: 0 1rem; } }\n/* c */\n"),
        ("html", "<!DOCTYPE html>\n<a href=\"x&amp;y\" hidden>t</a><!-- c -->\n"),
        ("sh", "make site # build\nFOO=1 swift test --filter \"A B\" | tee $LOG\n"),
    ])
    func highlightingKeepsTheCode(language: String, code: String) throws {
        let html = try #require(SyntaxHighlighter.html(code, language: language))
        #expect(text(of: html) == code)
        #expect(html.contains("<span class=\"tok-"))
    }

    @Test func tokensGetTheirClasses() throws {
        let js = try #require(SyntaxHighlighter.html("const a = 'x' // c", language: "js"))
        #expect(
            js
                == #"<span class="tok-keyword">const</span> a = <span class="tok-string">&#39;x&#39;</span> <span class="tok-comment">// c</span>"#
                .replacingOccurrences(of: "&#39;", with: "'"))
        let json = try #require(SyntaxHighlighter.html(#"{"k": "v"}"#, language: "json"))
        #expect(json.contains(#"<span class="tok-property">&quot;k&quot;</span>"#))
        #expect(json.contains(#"<span class="tok-string">&quot;v&quot;</span>"#))
        let html = try #require(SyntaxHighlighter.html(#"<img src="a.png">"#, language: "html"))
        #expect(
            html
                == #"&lt;<span class="tok-tag">img</span> <span class="tok-attribute">src</span>=<span class="tok-string">&quot;a.png&quot;</span>&gt;"#
        )
    }

    @Test func unknownLanguagesAreLeftToCmark() {
        #expect(SyntaxHighlighter.codeBlock("x", info: "brainfuck") == nil)
        #expect(SyntaxHighlighter.codeBlock("x", info: "") == nil)
    }
}
