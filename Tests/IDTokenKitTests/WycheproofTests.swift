import Foundation
import TestSupport
import Testing

@testable import IDTokenKit

/// Every Wycheproof verdict must agree with the verifier: valid signatures verify, invalid ones do not.
/// "acceptable" cases (legacy encodings) are skipped, as they may go either way.
@Suite struct WycheproofTests {
    struct Case: CustomStringConvertible {
        let file: String
        let id: Int
        let valid: Bool
        let message: [UInt8]
        let signature: [UInt8]
        let key: VerificationKey
        var description: String { "\(file) #\(id)" }
    }

    static func cases(_ file: String, algorithm: JWSAlgorithm, keyField: String) throws -> [Case] {
        let json = try Fixtures.json("wycheproof/\(file)")
        var cases: [Case] = []
        for group in json["testGroups"] as! [[String: Any]] {
            // A few ECDSA groups carry no JWK; their keys are rebuilt from the coordinates.
            let jwk = group[keyField] as? [String: Any] ?? Self.ecJWK(group["publicKey"] as! [String: Any], algorithm: algorithm)
            let jwkData = try JSONSerialization.data(withJSONObject: jwk)
            let key = try JWK.parse(try StrictJSON.parse(Array(jwkData)), allowSecret: false)
            for test in group["tests"] as! [[String: Any]] where test["result"] as! String != "acceptable" {
                cases.append(
                    Case(
                        file: file, id: test["tcId"] as! Int, valid: test["result"] as! String == "valid",
                        message: [UInt8](hex: test["msg"] as! String), signature: [UInt8](hex: test["sig"] as! String), key: key))
            }
        }
        return cases
    }

    static func ecJWK(_ key: [String: Any], algorithm: JWSAlgorithm) -> [String: Any] {
        guard case .ecdsa(let curve) = algorithm.family else { fatalError("not ECDSA") }
        func coordinate(_ hex: String) -> String {
            var bytes = [UInt8](hex: hex)
            while bytes.count > curve.coordinateSize, bytes.first == 0 { bytes.removeFirst() }
            return Base64URL.encode([UInt8](repeating: 0, count: curve.coordinateSize - bytes.count) + bytes)
        }
        return ["kty": "EC", "crv": curve.rawValue, "x": coordinate(key["wx"] as! String), "y": coordinate(key["wy"] as! String)]
    }

    @Test(arguments: [
        ("ecdsa_secp256r1_sha256_p1363_test.json", JWSAlgorithm.es256, "publicKeyJwk"),
        ("ecdsa_secp384r1_sha384_p1363_test.json", .es384, "publicKeyJwk"),
        ("ecdsa_secp521r1_sha512_p1363_test.json", .es512, "publicKeyJwk"),
        ("ed25519_test.json", .edDSA, "publicKeyJwk"),
        ("rsa_signature_2048_sha256_test.json", .rs256, "keyJwk"),
        ("rsa_signature_3072_sha384_test.json", .rs384, "keyJwk"),
        ("rsa_signature_4096_sha512_test.json", .rs512, "keyJwk"),
        ("rsa_pss_2048_sha256_mgf1_32_test.json", .ps256, "publicKeyJwk"),
        ("rsa_pss_4096_sha512_mgf1_64_test.json", .ps512, "publicKeyJwk"),
    ])
    func signatureVerdictsAgree(file: String, algorithm: JWSAlgorithm, keyField: String) throws {
        let cases = try Self.cases(file, algorithm: algorithm, keyField: keyField)
        #expect(cases.count > 100)
        var disagreements: [String] = []
        for test in cases {
            guard case .publicKey(let key) = test.key.material else {
                Issue.record("no key")
                return
            }
            let verdict = (try? Signatures.verify(algorithm, key: key, message: test.message, signature: test.signature)) ?? false
            if verdict != test.valid { disagreements.append(test.description) }
        }
        #expect(disagreements.isEmpty, "verdicts differ: \(disagreements)")
    }

    @Test func hmacVerdictsAgree() throws {
        let json = try Fixtures.json("wycheproof/hmac_sha256_test.json")
        var checked = 0
        var refused = 0
        for group in json["testGroups"] as! [[String: Any]] where group["tagSize"] as! Int == 256 {
            for test in group["tests"] as! [[String: Any]] where test["result"] as! String != "acceptable" {
                let secret = [UInt8](hex: test["key"] as! String)
                let verify = {
                    try Signatures.verifyHMAC(
                        .hs256, secret: secret, message: [UInt8](hex: test["msg"] as! String),
                        signature: [UInt8](hex: test["tag"] as! String))
                }
                // Secrets shorter than the hash are refused whatever the tag (RFC 7518 §3.2).
                guard secret.count >= 32 else {
                    #expect(throws: CryptoError.self, "tcId \(test["tcId"]!)") { try verify() }
                    refused += 1
                    continue
                }
                #expect(try verify() == (test["result"] as! String == "valid"), "tcId \(test["tcId"]!)")
                checked += 1
            }
        }
        #expect(checked > 20)
        #expect(refused > 0)
    }
}
