import PastedInput
import TestSupport
import Testing

@Suite struct TokenInputTests {
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"

    @Test func acceptsWhatUsersPaste() throws {
        #expect(try TokenInput.extract("  \(token)\n") == token)
        #expect(try TokenInput.extract("Bearer \(token)") == token)
        #expect(try TokenInput.extract("https://owner.github.io/repo/demo/#id_token=\(token)&state=x") == token)
        #expect(try TokenInput.extract(#"{"signedIn":true,"id_token":"\#(token)","profile":{}}"#) == token)
    }

    @Test(arguments: ["", "hello world", "https://example.com/#state=1", #"{"token_id":"x"}"#])
    func refusesAnythingElse(text: String) {
        #expect(throws: TokenInput.Unrecognized.self) { try TokenInput.extract(text) }
    }
}
