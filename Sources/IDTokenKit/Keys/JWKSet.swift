/// One key from a JWKS, with the metadata that limits its use.
public struct VerificationKey: Sendable {
    public enum Material: Sendable {
        case publicKey(OpenSSLKey)
        case secret([UInt8])
    }

    public let keyID: String?
    public let use: String?
    public let operations: [String]?
    public let algorithm: String?
    public let material: Material

    public init(keyID: String?, use: String? = nil, operations: [String]? = nil, algorithm: String? = nil, material: Material) {
        self.keyID = keyID
        self.use = use
        self.operations = operations
        self.algorithm = algorithm
        self.material = material
    }

    public var kindDescription: String {
        switch material {
        case .publicKey(let key): return key.kind.description
        case .secret(let bytes): return "HMAC secret (\(bytes.count) bytes)"
        }
    }

    /// Why this key may not verify `algorithm`, or nil when it may.
    public func refusal(for algorithm: JWSAlgorithm) -> String? {
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
    public let keys: [VerificationKey]
    /// Why each skipped key was skipped.
    public let skipped: [String]
    /// Where the keys came from, for reports: a JWKS URL, a file, `--secret`.
    public let source: String

    public init(keys: [VerificationKey], skipped: [String] = [], source: String) {
        self.keys = keys
        self.skipped = skipped
        self.source = source
    }

    /// Whether a key has exactly this `kid`.
    public func contains(keyID: String) -> Bool {
        keys.contains { $0.keyID?.hasSameBytes(as: keyID) == true }
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    public init(json bytes: [UInt8], source: String) throws(Invalid) {
        let json: JSONValue
        do {
            json = try StrictJSON.parse(bytes)
        } catch {
            throw Invalid(message: "is not valid JSON: \(error)")
        }
        guard let entries = json["keys"]?.array else {
            throw Invalid(message: "is not a JWK set: it has no `keys` array")
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

    public enum Selection: Sendable {
        case key(VerificationKey)
        case none(String)
    }

    /// The key for a token: by `kid`, or the single usable key when the token names none.
    public func select(keyID: String?, algorithm: JWSAlgorithm) -> Selection {
        if let keyID {
            // Most sets hold one key per kid: look for a usable one before gathering anything.
            if let usable = keys.first(where: { $0.keyID?.hasSameBytes(as: keyID) == true && $0.refusal(for: algorithm) == nil })
            {
                return .key(usable)
            }
            let named = keys.filter { $0.keyID?.hasSameBytes(as: keyID) == true }
            guard !named.isEmpty else {
                return .none("no key with kid \"\(keyID)\" among the \(keys.count) key\(keys.count == 1 ? "" : "s") of the set")
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

/// Reads single JWKs (RFC 7517, 7518 §6, 8037).
public enum JWK {
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    public static func parse(_ json: JSONValue, allowSecret: Bool) throws(Invalid) -> VerificationKey {
        guard case .object = json else { throw Invalid(message: "is not a JSON object") }
        guard let type = json["kty"]?.string else { throw Invalid(message: "has no `kty`") }
        func bytes(_ name: String) throws(Invalid) -> [UInt8] {
            guard let text = json[name]?.string else { throw Invalid(message: "\(type) key has no `\(name)`") }
            do {
                return try Base64URL.decode(text)
            } catch {
                throw Invalid(message: "`\(name)` is not base64url: it \(error)")
            }
        }
        let material: VerificationKey.Material
        do {
            switch type {
            case "RSA":
                material = .publicKey(try OpenSSLKey.rsa(modulus: try bytes("n"), exponent: try bytes("e")))
            case "EC":
                guard let name = json["crv"]?.string,
                    let curve = EllipticCurve.allCases.first(where: { $0.rawValue.hasSameBytes(as: name) })
                else {
                    throw Invalid(message: "EC key has an unsupported `crv` \(json["crv"]?.serialized ?? "(none)")")
                }
                material = .publicKey(try OpenSSLKey.ec(curve: curve, x: try bytes("x"), y: try bytes("y")))
            case "OKP":
                guard json["crv"]?.string?.hasSameBytes(as: "Ed25519") == true else {
                    throw Invalid(message: "OKP key is not Ed25519")
                }
                material = .publicKey(try OpenSSLKey.ed25519(publicKey: try bytes("x")))
            case "oct":
                guard allowSecret else {
                    throw Invalid(message: "symmetric (oct) keys are never taken from a published key set")
                }
                material = .secret(try bytes("k"))
            default:
                throw Invalid(message: "has unsupported kty \"\(type)\"")
            }
        } catch let error as CryptoError {
            throw Invalid(message: error.message)
        } catch let error as Invalid {
            throw error
        } catch {
            throw Invalid(message: "\(error)")
        }
        if let operations = json["key_ops"], operations.array?.allSatisfy({ $0.string != nil }) != true {
            throw Invalid(message: "`key_ops` is not an array of strings")
        }
        return VerificationKey(
            keyID: json["kid"]?.string, use: json["use"]?.string, operations: json["key_ops"]?.array?.compactMap(\.string),
            algorithm: json["alg"]?.string, material: material)
    }
}
