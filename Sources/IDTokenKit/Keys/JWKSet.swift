/// One key from a JWKS, with the metadata that limits its use.
package struct VerificationKey: Sendable {
    package enum Material: Sendable {
        case publicKey(OpenSSLKey)
        case secret([UInt8])
    }

    package let keyID: String?
    package let use: String?
    package let operations: [String]?
    package let algorithm: String?
    package let material: Material

    package init(keyID: String?, use: String? = nil, operations: [String]? = nil, algorithm: String? = nil, material: Material) {
        self.keyID = keyID
        self.use = use
        self.operations = operations
        self.algorithm = algorithm
        self.material = material
    }

    /// Whether `other` verifies exactly what this key verifies: the same public key or the same secret bytes.
    package func hasSameMaterial(as other: VerificationKey) -> Bool {
        switch (material, other.material) {
        case (.publicKey(let mine), .publicKey(let theirs)): return mine.isSamePublicKey(as: theirs)
        case (.secret(let mine), .secret(let theirs)): return mine == theirs
        default: return false
        }
    }

    package var kindDescription: String {
        switch material {
        case .publicKey(let key): return key.kind.description
        case .secret(let bytes): return "HMAC secret (\(bytes.count) bytes)"
        }
    }

    /// Why this key may not verify `algorithm`, or nil when it may.
    package func refusal(for algorithm: JWSAlgorithm) -> String? {
        if let use, !use.hasSameBytes(as: "sig") { return "its `use` is \(use), not sig" }
        if let operations, !operations.containsBytes(of: "verify") { return "its `key_ops` lack verify" }
        if let keyAlgorithm = self.algorithm, !keyAlgorithm.hasSameBytes(as: algorithm.rawValue) {
            return "it is for \(keyAlgorithm), the token says \(algorithm.rawValue)"
        }
        switch (material, algorithm.family) {
        case (.secret(let secret), .hmac):
            return Signatures.secretRefusal(byteCount: secret.count, for: algorithm)
        case (.secret, _): return "an HMAC secret cannot verify \(algorithm.rawValue)"
        case (.publicKey, .hmac): return "HMAC needs a secret, not a public key"
        case (.publicKey(let key), _):
            if let weakness = key.weakness { return weakness }
            return algorithm.fits(key.kind) ? nil : "an \(key.kind) key cannot verify \(algorithm.rawValue)"
        }
    }
}

/// A JSON Web Key Set (RFC 7517 §5). Keys of types this verifier does not know are skipped, as the RFC asks.
public struct JWKSet: Sendable {
    package let keys: [VerificationKey]
    /// Why each skipped key was skipped.
    public let skipped: [String]
    /// Where the keys came from, for reports: a JWKS URL, a file, `--secret`.
    public let source: String
    /// A single key given on its own, without a `kid` (`StaticKeys(pem:)`): it has no choice to make, so it
    /// answers whatever `kid` a token names. A set an issuer publishes never does.
    package let singleKeyAnswersAnyKeyID: Bool

    package init(keys: [VerificationKey], skipped: [String] = [], source: String, singleKeyAnswersAnyKeyID: Bool = false) {
        self.keys = keys
        self.skipped = skipped
        self.source = source
        self.singleKeyAnswersAnyKeyID = singleKeyAnswersAnyKeyID && keys.count == 1 && keys[0].keyID == nil
    }

    /// Whether a key has exactly this `kid`.
    public func contains(keyID: String) -> Bool {
        keys.contains { $0.keyID?.hasSameBytes(as: keyID) == true }
    }

    /// A JWK set document (`{"keys": [...]}`), as an issuer serves it.
    public init(json bytes: [UInt8], source: String) throws(KeyMaterialError) {
        let json: JSONValue
        do {
            json = try StrictJSON.parse(bytes)
        } catch {
            throw KeyMaterialError("is not valid JSON: \(error)")
        }
        guard let entries = json["keys"]?.array else {
            throw KeyMaterialError("is not a JWK set: it has no `keys` array")
        }
        var keys: [VerificationKey] = []
        var skipped: [String] = []
        for (index, entry) in entries.enumerated() {
            do {
                keys.append(try JWK.parse(entry, allowSecret: false))
            } catch {
                skipped.append("key \(index)\(entry["kid"]?.string.map { " (kid \($0))" } ?? ""): \(error)")
            }
        }
        self.init(keys: keys, skipped: skipped, source: source)
    }

    package enum Selection: Sendable {
        case key(VerificationKey)
        case none(String)
    }

    /// The key for a token: by `kid`, or the single usable key when the token names none.
    package func select(keyID: String?, algorithm: JWSAlgorithm) -> Selection {
        if keyID != nil, singleKeyAnswersAnyKeyID {
            let key = keys[0]
            if let refusal = key.refusal(for: algorithm) { return .none("the key is not usable: \(refusal)") }
            return .key(key)
        }
        if let keyID {
            // Most sets hold one key per kid: look for a usable one before gathering anything.
            if let usable = keys.first(where: { $0.keyID?.hasSameBytes(as: keyID) == true && $0.refusal(for: algorithm) == nil })
            {
                return .key(usable)
            }
            let named = keys.filter { $0.keyID?.hasSameBytes(as: keyID) == true }
            guard !named.isEmpty else {
                // Say what the one key is called: the usual surprise is a key given without the kid tokens carry.
                let only = keys.count != 1 ? "" : keys[0].keyID.map { " (its kid is \"\($0)\")" } ?? " (it has no kid)"
                return .none(
                    "no key with kid \"\(keyID)\" among the \(keys.count) key\(keys.count == 1 ? "" : "s") of the set\(only)")
            }
            if let usable = named.first(where: { $0.refusal(for: algorithm) == nil }) { return .key(usable) }
            return .none(
                "the key with kid \"\(keyID)\" is not usable: \(named.compactMap { $0.refusal(for: algorithm) }.joined(separator: "; "))"
            )
        }
        let usable = keys.filter { $0.refusal(for: algorithm) == nil }
        switch usable.count {
        case 1: return .key(usable[0])
        case 0:
            // Say why, when one key was close: a weak or mismatched key is the usual surprise.
            let reasons = keys.prefix(3).compactMap { $0.refusal(for: algorithm) }
            return .none(
                "the token has no kid and none of the \(keys.count) key\(keys.count == 1 ? "" : "s") can verify \(algorithm.rawValue)"
                    + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")))
        default: return .none("the token has no kid and \(usable.count) keys could verify it; refusing to guess")
        }
    }
}

/// Why key material could not be used: a JWK set, JWK or PEM key that is malformed or of an unsupported kind,
/// or an HMAC secret too short to trust.
public struct KeyMaterialError: Error, CustomStringConvertible, Sendable {
    public struct Kind: Hashable, Sendable {
        private enum Code { case unusable, shortSecret }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// Malformed, of an unsupported type, or weak.
        public static let unusable = Kind(.unusable)
        /// An HMAC secret shorter than its hash (RFC 7518 §3.2).
        public static let shortSecret = Kind(.shortSecret)
    }

    public let kind: Kind
    public let message: String
    package init(_ message: String, kind: Kind = .unusable) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}

/// Reads single JWKs (RFC 7517, 7518 §6, 8037).
package enum JWK {
    package static func parse(_ json: JSONValue, allowSecret: Bool) throws(KeyMaterialError) -> VerificationKey {
        guard case .object = json else { throw KeyMaterialError("is not a JSON object") }
        guard let type = json["kty"]?.string else { throw KeyMaterialError("has no `kty`") }
        func bytes(_ name: String) throws(KeyMaterialError) -> [UInt8] {
            guard let text = json[name]?.string else { throw KeyMaterialError("\(type) key has no `\(name)`") }
            do {
                return try Base64URL.decode(text)
            } catch {
                throw KeyMaterialError("`\(name)` is not base64url: it \(error)")
            }
        }
        let material: VerificationKey.Material
        do {
            // Compared by bytes, as every protocol value here: Swift's `==` finds "O\u{212A}P" equal to "OKP".
            switch ["RSA", "EC", "OKP", "oct"].first(where: { $0.hasSameBytes(as: type) }) {
            case "RSA"?:
                material = .publicKey(try OpenSSLKey.rsa(modulus: try bytes("n"), exponent: try bytes("e")))
            case "EC"?:
                guard let name = json["crv"]?.string,
                    let curve = EllipticCurve.allCases.first(where: { $0.rawValue.hasSameBytes(as: name) })
                else {
                    throw KeyMaterialError("EC key has an unsupported `crv` \(json["crv"]?.serialized ?? "(none)")")
                }
                material = .publicKey(try OpenSSLKey.ec(curve: curve, x: try bytes("x"), y: try bytes("y")))
            case "OKP"?:
                guard json["crv"]?.string?.hasSameBytes(as: "Ed25519") == true else {
                    throw KeyMaterialError("OKP key is not Ed25519")
                }
                material = .publicKey(try OpenSSLKey.ed25519(publicKey: try bytes("x")))
            case "oct"?:
                guard allowSecret else {
                    throw KeyMaterialError("symmetric (oct) keys are never taken from a published key set")
                }
                material = .secret(try bytes("k"))
            default:
                throw KeyMaterialError("has unsupported kty \"\(type)\"")
            }
        } catch let error as CryptoError {
            throw KeyMaterialError(error.message)
        } catch let error as KeyMaterialError {
            throw error
        } catch {
            throw KeyMaterialError("\(error)")
        }
        if let operations = json["key_ops"], operations.array?.allSatisfy({ $0.string != nil }) != true {
            throw KeyMaterialError("`key_ops` is not an array of strings")
        }
        return VerificationKey(
            keyID: json["kid"]?.string, use: json["use"]?.string, operations: json["key_ops"]?.array?.compactMap(\.string),
            algorithm: json["alg"]?.string, material: material)
    }
}
