import FuzzDriver
import IDTokenKit
import IssuerKeys
import OpenSSLHTTPClient
import PastedInput

/// libFuzzer harnesses for every parser of outside input, one binary, chosen by `FUZZ_TARGET`. They reach what
/// they exercise through `package` access, so the binary builds in release like everything else. Where a property
/// can be stated, it is asserted: a failed assertion is a crash, which libFuzzer reports with the input.
enum Harness: String, CaseIterable {
    case token, json, base64url, jwk, input, http, cache, claims, signature

    static let selected = selectedHarness(Harness.self)

    func run(_ bytes: [UInt8]) {
        switch self {
        case .token: Self.token(bytes)
        case .json: Self.json(bytes)
        case .base64url: Self.base64url(bytes)
        case .jwk: Self.jwk(bytes)
        case .input: _ = try? TokenInput.extract(String(decoding: bytes, as: UTF8.self))
        case .http: Self.http(bytes)
        case .cache: Self.cache(bytes)
        case .claims: Self.claims(bytes)
        case .signature: Self.signature(bytes)
        }
    }

    /// Keys every harness shares: generated once per process.
    static let keys = FuzzKeys()
    static let requirements = ClaimRequirements(issuer: "https://issuer.test", audience: "https://app.test", nonce: "n")

    static func token(_ bytes: [UInt8]) {
        guard let token = try? CompactToken(String(decoding: bytes, as: UTF8.self)) else { return }
        let inspection = IDTokenVerifier.inspect(token, keys: keys.set, requirements: requirements, now: 1_764_000_000)
        // The fuzzer knows none of the private keys (they are made at start), so nothing it writes may verify.
        if case .valid = inspection.signature { check(false, "a token the fuzzer made verified") }
        _ = IDTokenVerifier.decodeOnly(token, requirements: requirements, now: Int64.min).outcome
    }

    static func json(_ bytes: [UInt8]) {
        guard let value = try? StrictJSON.parse(bytes) else { return }
        // What parses, serializes to text that parses to the same value, compact and indented.
        check((try? StrictJSON.parse(Array(value.serialized.utf8))) == value, "compact round trip")
        check((try? StrictJSON.parse(Array(value.pretty().utf8))) == value, "indented round trip")
        _ = value.exactInteger
    }

    static func base64url(_ bytes: [UInt8]) {
        if let decoded = try? Base64URL.decode(bytes: bytes) {
            check(Array(Base64URL.encode(decoded).utf8) == bytes, "decoding is canonical")
        }
        check((try? Base64URL.decode(Base64URL.encode(bytes))) == bytes, "encode then decode")
    }

    static func jwk(_ bytes: [UInt8]) {
        if let set = try? JWKSet(json: bytes, source: "fuzz") {
            for algorithm in [JWSAlgorithm.rs256, .es256, .edDSA, .hs256] {
                _ = set.select(keyID: set.keys.first?.keyID, algorithm: algorithm)
                _ = set.select(keyID: nil, algorithm: algorithm)
            }
        }
        if let json = try? StrictJSON.parse(bytes), let key = try? JWK.parse(json, allowSecret: true) {
            _ = key.refusal(for: .rs256)
            _ = key.kindDescription
        }
    }

    static func http(_ bytes: [UInt8]) {
        guard let reply = HTTPReplyParsing.parse(bytes, maximumBodyBytes: 4096) else { return }
        check(reply.body.count <= 4096, "the body cap holds")
        _ = HTTPFetcher.maxAge(reply.headers["cache-control"])
    }

    static func cache(_ bytes: [UInt8]) {
        let url = "https://keys.test/jwks"
        for now in [0, 1_764_000_000, Int64.min, Int64.max] {
            guard let entry = KeyCache.Entry.decode(bytes, url: url, now: now) else { continue }
            check(KeyCache.Entry.decode(entry.encoded, url: url, now: now) == entry, "entry round trip")
            check(entry.fetchedAt <= now.saturatingAdding(KeyCache.allowedClockSkew), "no entry from the future")
            _ = entry.isFresh(at: now)
            _ = entry.age(at: now)
        }
    }

    /// The first 24 bytes choose now, leeway and max age (Int64 edges included); the rest is the payload.
    static func claims(_ bytes: [UInt8]) {
        guard bytes.count > 24, let header = try? JOSEHeader(.object([("alg", .string("RS256"))])),
            let payload = try? StrictJSON.parse(Array(bytes[24...]))
        else { return }
        func number(_ offset: Int) -> Int64 {
            bytes[offset..<offset + 8].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
        let requirements = ClaimRequirements(
            issuer: "https://issuer.test", audience: "https://app.test", leeway: number(8), nonce: "n", maxAge: number(16))
        for check in requirements.check(header: header, claims: payload, now: number(0)) { _ = check.detail }
    }

    /// A valid signature with the input XORed into it (or into the signed text) never verifies.
    static func signature(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let signed = keys.signed[Int(first) % keys.signed.count]
        var signature = signed.signature
        var message = signed.message
        let mask = bytes.dropFirst()
        let intoMessage = first & 0x80 != 0
        for (index, byte) in mask.enumerated() {
            if intoMessage {
                if index < message.count { message[index] ^= byte } else { message.append(byte) }
            } else {
                if index < signature.count { signature[index] ^= byte } else { signature.append(byte) }
            }
        }
        guard signature != signed.signature || message != signed.message else { return }
        let valid: Bool
        switch signed.key {
        case .publicKey(let key):
            valid = (try? Signatures.verify(signed.algorithm, key: key, message: message, signature: signature)) ?? false
        case .secret(let secret):
            valid =
                (try? Signatures.verifyHMAC(signed.algorithm, secret: secret, message: message, signature: signature)) ?? false
        }
        // The one other valid ECDSA signature, (r, n - s), is a single 256-bit value: no mask finds it by chance.
        check(!valid, "a changed \(signed.algorithm.rawValue) signature or message verified")
    }
}

/// One key of each family, a key set holding them, and a token signed by each.
final class FuzzKeys: Sendable {
    struct Signed: Sendable {
        let algorithm: JWSAlgorithm
        let key: VerificationKey.Material
        let message: [UInt8]
        let signature: [UInt8]
    }

    let set: JWKSet
    let signed: [Signed]

    init() {
        var keys: [VerificationKey] = []
        var signed: [Signed] = []
        let message = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0".utf8)
        for algorithm in [JWSAlgorithm.rs256, .ps256, .es256, .edDSA] {
            guard let signer = try? TokenSigner(generating: algorithm, keyID: algorithm.rawValue),
                let signature = try? Signatures.sign(algorithm, key: signer.key, message: message)
            else { fatalError("cannot make a \(algorithm.rawValue) key") }
            keys.append(VerificationKey(keyID: algorithm.rawValue, material: .publicKey(signer.key)))
            signed.append(Signed(algorithm: algorithm, key: .publicKey(signer.key), message: message, signature: signature))
        }
        let secret = [UInt8](repeating: 0x5A, count: 32)
        keys.append(VerificationKey(keyID: "HS256", material: .secret(secret)))
        let mac = (try? Signatures.hmac(.hs256, secret: secret, message: message)) ?? []
        signed.append(Signed(algorithm: .hs256, key: .secret(secret), message: message, signature: mac))
        set = JWKSet(keys: keys, source: "fuzz")
        self.signed = signed
    }
}

/// `FUZZ_TARGET=json id-token-fuzz [libFuzzer options] [corpus…]`; see `fuzzMain`.
@main struct FuzzMain {
    static func main() { fuzzMain { Harness.selected.run($0) } }
}
