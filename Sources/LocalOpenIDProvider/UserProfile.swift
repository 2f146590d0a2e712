import Foundation
import IDTokenKit

/// The signed-in user's claims, released by scope as Passwordless.ID does: `openid` gives `sub`, `avatar` gives
/// `nickname`, `picture` and `preferred_username`, `email` gives `email` and `email_verified`.
public struct UserProfile: Sendable, Equatable {
    public static let claimsByScope: [(scope: String, claims: [String])] = [
        ("openid", ["sub"]),
        ("avatar", ["nickname", "picture", "preferred_username"]),
        ("email", ["email", "email_verified"]),
    ]
    public static var supportedScopes: [String] { claimsByScope.map(\.scope) }

    /// Claim name → value, in the order they are released.
    public var claims: [(String, JSONValue)]

    public static func == (lhs: UserProfile, rhs: UserProfile) -> Bool {
        lhs.claims.count == rhs.claims.count && zip(lhs.claims, rhs.claims).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// A made-up user, for clicking through the demo.
    public static let standard = UserProfile(claims: [
        ("sub", .string("7f3c1a52-local-user")),
        ("nickname", .string("Sam")),
        ("picture", .string("https://ui.passwordless.id/avatars/sam.svg")),
        ("preferred_username", .string("sam")),
        ("email", .string("sam@example.com")),
        ("email_verified", .bool(true)),
    ])

    public struct Invalid: Error, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): error: \(message)" }
    }

    /// Reads a JSON object of claims, e.g. `{"nickname": "Sam", "picture": "https://…"}`; members left out keep
    /// the standard user's values, so a test can change only the nickname.
    public static func load(from url: URL) throws -> UserProfile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Invalid(file: url.path, message: "cannot read the profile file")
        }
        let value: JSONValue
        do {
            value = try StrictJSON.parse(Array(data))
        } catch {
            throw Invalid(file: url.path, message: "not valid JSON: \(error)")
        }
        guard let members = value.members else {
            throw Invalid(file: url.path, message: "the profile must be a JSON object of claims, not \(value.typeName)")
        }
        let known = Set(claimsByScope.flatMap(\.claims))
        var claims = standard.claims
        for (name, claim) in members {
            guard known.contains(name) else {
                throw Invalid(
                    file: url.path, message: "unknown claim `\(name)`; a profile sets \(known.sorted().joined(separator: ", "))")
            }
            if let index = claims.firstIndex(where: { $0.0 == name }) { claims[index].1 = claim }
        }
        return UserProfile(claims: claims)
    }

    /// The claims the granted scopes release.
    public func claims(for scopes: [String]) -> [(String, JSONValue)] {
        let released = Set(Self.claimsByScope.filter { scopes.contains($0.scope) }.flatMap(\.claims))
        return claims.filter { released.contains($0.0) }
    }
}
