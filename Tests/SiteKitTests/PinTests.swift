import Testing

@testable import SiteKit

@Suite struct PinTests {
    static let template = "https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js"
    static let pinned = "https://unpkg.com/@passwordless-id/connect@1.2.1/dist/connect.min.js"

    func pin(_ version: String = "1.2.1", integrity: String? = nil) throws -> ConnectPin {
        try ConnectPin(
            version: version, urlTemplate: Self.template, integrity: integrity, file: "site.yml", lines: ["version": 7])
    }

    @Test func resolvesTheURLOnce() throws {
        #expect(try pin().url == Self.pinned)
        #expect(
            try pin().substitute(in: "import x from '{{connect.url}}' // {{connect.version}}")
                == "import x from '\(Self.pinned)' // 1.2.1")
    }

    /// Placeholders are found by their bytes: a combining mark after one (or a precomposed look-alike) neither hides
    /// it nor makes something else match.
    @Test func placeholdersAreFoundByTheirBytes() throws {
        #expect(try pin().substitute(in: "'{{connect.url}}\u{301}'") == "'\(Self.pinned)\u{301}'")
        #expect(try pin().substitute(in: "{{connect.version}}\u{20DD}{{connect.version}}") == "1.2.1\u{20DD}1.2.1")
        #expect(try pin().substitute(in: "{{connect.versio\u{301}n}}") == "{{connect.versio\u{301}n}}")
    }

    @Test(arguments: ["latest", "1.2", "^1.2.1", "1.2.1-beta", ""])
    func refusesVersionsThatAreNotExact(version: String) {
        let error = #expect(throws: SiteError.self) { try pin(version) }
        #expect(error?.line == 7)
    }

    @Test func integrityMustBeSHA384() throws {
        let good = "sha384-" + String(repeating: "A", count: 64)
        #expect(try pin(integrity: good).substitute(in: "{{connect.integrity-attribute}}") == " integrity=\"\(good)\"")
        #expect(try pin().substitute(in: "<link{{connect.integrity-attribute}}>") == "<link>")
        #expect(throws: SiteError.self) { try pin(integrity: "sha256-abc") }
    }

    @Test func guardAcceptsThePinnedURLAndPlainMentions() throws {
        let guardian = PinGuard(pin: try pin(), configFile: "content/site.yml")
        try guardian.check(
            """
            import passwordless from '\(Self.pinned)'
            See https://github.com/passwordless-id/connect and https://www.npmjs.com/package/@passwordless-id/connect
            The @passwordless-id/connect library, version @passwordless-id/connect@1.2.1.
            """, file: "a.md")
    }

    /// A file saved with Windows line endings: a pinned URL at the end of a line ends there.
    @Test func guardReadsWindowsLineEndings() throws {
        let guardian = PinGuard(pin: try pin(), configFile: "content/site.yml")
        try guardian.check("Load \(Self.pinned)\r\nthen sign in.\r\n", file: "a.md")
    }

    @Test(arguments: [
        ("x\nimport p from 'https://unpkg.com/@passwordless-id/connect@1.2.0/dist/connect.min.js'", 2),
        ("<script src=\"https://cdn.jsdelivr.net/npm/@passwordless-id/connect\"></script>", 1),
        ("a\nb\nhttps://unpkg.com/@passwordless-id/connect@latest", 3),
        ("npm install @passwordless-id/connect@1.1.0", 1),
        ("//unpkg.com/@passwordless-id/connect@1.2.1/dist/connect.js", 1),
        // Windows line endings: the line is still the line.
        ("x\r\ny\r\nimport p from 'https://unpkg.com/@passwordless-id/connect@1.2.0/dist/connect.min.js'\r\n", 3),
    ])
    func guardRefusesOtherReferences(text: String, line: Int) throws {
        let guardian = PinGuard(pin: try pin(), configFile: "content/site.yml")
        let error = #expect(throws: SiteError.self) { try guardian.check(text, file: "a.md", firstLine: 10) }
        #expect(error?.line == 9 + line)
        #expect(error?.message.contains(Self.pinned) == true)
    }

    /// The pinned URL is compared by its bytes: a Kelvin sign is the same string as `K` to Swift's `==`, and a
    /// different URL to a CDN.
    @Test func guardComparesURLsByTheirBytes() throws {
        let template = "https://cdn.test/Kit/@passwordless-id/connect@{version}/connect.min.js"
        let kit = try ConnectPin(version: "1.2.1", urlTemplate: template, integrity: nil, file: "site.yml", lines: [:])
        let guardian = PinGuard(pin: kit, configFile: "content/site.yml")
        try guardian.check("import p from '\(kit.url)'", file: "a.md")
        let lookAlike = kit.url.replacingOccurrences(of: "Kit", with: "\u{212A}it")
        #expect(lookAlike == kit.url && Array(lookAlike.utf8) != Array(kit.url.utf8))
        let error = #expect(throws: SiteError.self) { try guardian.check("import p from '\(lookAlike)'", file: "a.md") }
        #expect(error?.line == 1)
    }

    @Test func siteConfigReadsThePin() throws {
        let config = try SiteConfig.parse(
            "title: T\nconnect:\n  # why\n  version: 1.2.1\n  url: \(Self.template)\n  integrity:\n", file: "site.yml")
        #expect(config.connect.url == Self.pinned)
        #expect(config.connect.integrity == nil)
        let error = #expect(throws: SiteError.self) {
            try SiteConfig.parse("title: T\nconnect:\n  version: latest\n  url: \(Self.template)\n", file: "site.yml")
        }
        #expect(error?.line == 3)
    }
}
