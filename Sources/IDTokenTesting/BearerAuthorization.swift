public import HTTPTypes

extension HTTPFields {
    /// `Authorization: Bearer <token>`, for a test client's request:
    /// `client.execute(uri: "/api/me", method: .get, headers: .bearer(token))`.
    public static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)"]
    }
}
