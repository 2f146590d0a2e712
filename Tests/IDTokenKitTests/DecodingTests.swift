import Foundation
import Testing

@testable import IDTokenKit

@Suite struct Base64URLTests {
    @Test func roundTrips() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) & 0xFF) }
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.encode(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw")
    }

    /// Against Foundation's base64 decoder (the alphabet mapped, padding added): every text of up to 13
    /// characters from a small alphabet that mixes valid characters, `=`, `+` and a space, at every position,
    /// so whole groups, partial groups and bad characters inside and after groups are all met.
    @Test func agreesWithFoundationOnEveryShortText() {
        let characters = Array("AQgw-_=+ ".utf8)
        var generator = SystemRandomNumberGenerator()
        for length in 0...13 {
            for _ in 0..<400 {
                let text = (0..<length).map { _ in
                    // Mostly valid characters, so that long valid texts are common.
                    characters[Int.random(in: 0..<(Int.random(in: 0..<8, using: &generator) == 0 ? 9 : 6), using: &generator)]
                }
                let ours = try? Base64URL.decode(bytes: text)
                let standard = String(decoding: text, as: UTF8.self)
                    .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                let valid = !text.contains { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: " ") }
                let padded = standard + String(repeating: "=", count: (4 - standard.count % 4) % 4)
                let foundation = valid ? Data(base64Encoded: padded).map { [UInt8]($0) } : nil
                // Foundation accepts non-zero unused bits; strict base64url does not.
                let canonical =
                    foundation.map {
                        Base64URL.encode($0)
                            == standard.replacingOccurrences(of: "+", with: "-")
                            .replacingOccurrences(of: "/", with: "_")
                    } ?? false
                #expect(ours == (canonical ? foundation : nil), "\(standard)")
                if ours == nil, let firstBad = text.firstIndex(where: { !Array("AQgw-_".utf8).contains($0) }) {
                    let expected: Base64URL.DecodingError =
                        text[firstBad] == UInt8(ascii: "=")
                        ? .padding : .illegalCharacter(Character(Unicode.Scalar(text[firstBad])), offset: firstBad)
                    #expect(throws: expected) { try Base64URL.decode(bytes: text) }
                    #expect(throws: expected) { try Base64URL.decode(bytes: ([0x41] + text)[1...]) }
                }
            }
        }
    }

    @Test(arguments: [
        ("QQ==", Base64URL.DecodingError.padding),
        ("QQ+/", .illegalCharacter("+", offset: 2)),
        ("Q Q", .illegalCharacter(" ", offset: 1)),
        ("QUJDR", .impossibleLength),
        ("QR", .nonCanonicalTrailingBits),
    ])
    func rejectsNonCanonicalText(text: String, error: Base64URL.DecodingError) {
        #expect(throws: error) { try Base64URL.decode(text) }
    }
}

@Suite struct StrictJSONTests {
    func parse(_ text: String) throws -> JSONValue { try StrictJSON.parse(Array(text.utf8)) }

    @Test func parsesObjectsKeepingOrderAndNumberText() throws {
        let value = try parse(#"{"b": 1.50, "a": [true, null, "x\u00e9\ud83d\ude00"], "c": -0}"#)
        #expect(value.members?.map(\.0) == ["b", "a", "c"])
        #expect(value["b"] == .number("1.50"))
        #expect(value["a"] == .array([.bool(true), .null, .string("xé😀")]))
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate member name"),
        (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), "nested deeper"),
        (#"{"exp": 1"# + String(repeating: "0", count: 50) + "}", "number longer"),
        (#"{"a":"\ud800"}"#, "lone surrogate"),
        (#"{"a":1} x"#, "unexpected text"),
        (#"{"a":01}"#, "leading zero"),
        ("{\"a\":\"\u{1}\"}", "control character"),
    ])
    func refuses(text: String, message: String) {
        let error = #expect(throws: StrictJSON.ParseError.self) { try parse(text) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [3, 15, 16, 17, 40])
    func findsDuplicateNamesInObjectsOfAnySize(members: Int) throws {
        let names = (0..<members).map { "\"claim\($0)\":\($0)" }
        #expect(try parse("{" + names.joined(separator: ",") + "}").members?.count == members)
        for repeated in [0, members - 1] {
            let text = "{" + (names + ["\"claim\(repeated)\":true"]).joined(separator: ",") + "}"
            let error = #expect(throws: StrictJSON.ParseError.self) { try parse(text) }
            #expect(error?.message.contains("duplicate member name \"claim\(repeated)\"") == true)
        }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: StrictJSON.ParseError.self) { try StrictJSON.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func numericDatesMustBeExactIntegers() throws {
        #expect(try parse("1700000000").exactInteger == 1_700_000_000)
        #expect(try parse("1.7e9").exactInteger == 1_700_000_000)
        #expect(try parse("1.5").exactInteger == nil)
        #expect(try parse("1e300").exactInteger == nil)
        #expect(try parse("99999999999999999999").exactInteger == nil)
    }
}

@Suite struct CompactTokenTests {
    let header = Base64URL.encode(Array(#"{"alg":"RS256","kid":"k"}"#.utf8))
    let payload = Base64URL.encode(Array(#"{"sub":"x"}"#.utf8))

    @Test func decodesParts() throws {
        let token = try CompactToken("\(header).\(payload).AAAA")
        #expect(token.header.algorithm == "RS256")
        #expect(token.header.keyID == "k")
        #expect(token.signature == [0, 0, 0])
        #expect(token.signingInput == Array("\(header).\(payload)".utf8))
    }

    @Test(arguments: [
        ("a.b", TokenPart.token, "has 2 parts"),
        ("a.b.c.d.e", .token, "encrypted JWE"),
        ("@@@.e30.AA", .header, "not base64url"),
        ("e30.e30.AA", .header, "no `alg`"),
        ("WzFd.e30.AA", .header, "not an object"),
    ])
    func namesThePartAtFault(text: String, part: TokenPart, message: String) {
        let error = #expect(throws: MalformedToken.self) { try CompactToken(text) }
        #expect(error?.part == part)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func badSignatureEncodingIsNamed() {
        let error = #expect(throws: MalformedToken.self) { try CompactToken("\(header).\(payload).AB=") }
        #expect(error?.part == .signature)
    }

    @Test func unencodedPayloadsAreRefused() {
        let b64 = Base64URL.encode(Array(#"{"alg":"HS256","b64":false,"crit":["b64"]}"#.utf8))
        let error = #expect(throws: MalformedToken.self) { try CompactToken("\(b64).\(payload).AAAA") }
        #expect(error?.message.contains("b64") == true)
    }

    @Test func oversizedTokensAreRefusedBeforeDecoding() {
        let huge = String(repeating: "A", count: CompactToken.maximumLength + 1)
        let error = #expect(throws: MalformedToken.self) { try CompactToken(huge) }
        #expect(error?.message.contains("limit") == true)
    }

    @Test func nonObjectPayloadIsReportedNotThrown() throws {
        let token = try CompactToken("\(header).\(Base64URL.encode(Array("[1,2]".utf8))).AAAA")
        guard case .notAnObject(let reason, let text) = token.payload else {
            Issue.record("expected notAnObject")
            return
        }
        #expect(reason.contains("array"))
        #expect(text == "[1,2]")
    }
}
