import Testing

@testable import IDTokenKit

/// The signed examples of RFC 7515 appendix A and RFC 8037 appendix A verify, and fail once altered.
@Suite struct RFCExampleTests {
    func verify(_ token: String, _ algorithm: JWSAlgorithm, key: VerificationKey) throws -> Bool {
        let parsed = try CompactToken(token)
        #expect(parsed.header.algorithm == algorithm.rawValue)
        switch key.material {
        case .secret(let secret):
            return try Signatures.verifyHMAC(algorithm, secret: secret, message: parsed.signingInput, signature: parsed.signature)
        case .publicKey(let publicKey):
            return try Signatures.verify(algorithm, key: publicKey, message: parsed.signingInput, signature: parsed.signature)
        }
    }

    func jwk(_ json: String) throws -> VerificationKey {
        try JWK.parse(try StrictJSON.parse(Array(json.utf8)), allowSecret: true)
    }

    func altered(_ token: String) -> String {
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array(#"{"iss":"joe","exp":1300819380,"http://example.com/is_root":false}"#.utf8))
        return parts.joined(separator: ".")
    }

    @Test func rfc7515A1HS256() throws {
        let key = try jwk(
            #"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#)
        let token =
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        #expect(try verify(token, .hs256, key: key))
        #expect(try !verify(altered(token), .hs256, key: key))
    }

    @Test func rfc7515A3ES256() throws {
        let key = try jwk(
            #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#
        )
        let token =
            "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"
        #expect(try verify(token, .es256, key: key))
        #expect(try !verify(altered(token), .es256, key: key))
    }

    @Test func rfc8037A4Ed25519() throws {
        let key = try jwk(#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)
        let token =
            "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        #expect(try verify(token, .edDSA, key: key))
        #expect(try !verify(token.replacingOccurrences(of: ".RXhh", with: ".RXha"), .edDSA, key: key))
    }
}
