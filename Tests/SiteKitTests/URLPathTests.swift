import Foundation
import Testing

@testable import SiteKit

/// Paths put into URLs (links between pages, published Markdown, social images) are encoded by bytes; Foundation's
/// `.urlPathAllowed` encoding is the reference they must equal.
@Suite struct URLPathTests {
    @Test func everyByteIsEncodedAsFoundationEncodesIt() throws {
        let scalars = (0x01...0x7F).compactMap(Unicode.Scalar.init) + ["é", "ß", "€", "😀", "\u{00A0}", "\u{FEFF}"]
        for scalar in scalars {
            let text = "a/\(scalar)b"
            let foundation = try #require(text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
            #expect(text.percentEncodedPath == foundation, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func pathsThatNeedNoEncodingStayAsTheyAre() {
        #expect("guide/verify-tokens.md".percentEncodedPath == "guide/verify-tokens.md")
        #expect("guide/a b.md".percentEncodedPath == "guide/a%20b.md")
        #expect("notes/résumé #1.md".percentEncodedPath == "notes/r%C3%A9sum%C3%A9%20%231.md")
    }

    /// A page's URL, worked out once by bytes when it is read: only a whole `index` name is its folder's page.
    @Test func aPageURLIsItsFolderOnlyForAWholeIndexName() {
        let expected = [
            "index.md": "", "guide/index.md": "guide/", "guide/verify.md": "guide/verify/", "reindex.md": "reindex/",
            "guide/reindex.md": "guide/reindex/", "guide/index/index.md": "guide/index/", "404.md": "404.html",
            "guide/404.md": "guide/404/", "notes/résumé.md": "notes/résumé/",
        ]
        for (source, url) in expected { #expect(Page.urlPath(of: source) == url, "\(source)") }
    }
}
