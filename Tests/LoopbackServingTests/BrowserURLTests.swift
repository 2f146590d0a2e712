import Foundation
import LoopbackServing
import TestSupport
import Testing

/// `BrowserURL` accepts a URL only when a browser reads the same origin from it. The browser's reading comes from
/// Node's `URL`, which implements the same WHATWG URL standard as Chromium's.
@Suite struct BrowserURLTests {
    @Test(arguments: [
        ("http://127.0.0.1:8000/demo/", "http://127.0.0.1:8000"),
        ("HTTP://LocalHost:8000/demo/?a=b#c", "http://localhost:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("http://127.0.0.1:80/", "http://127.0.0.1"),
        ("https://app.example/x", "https://app.example"),
    ])
    func readsOrigins(url: String, origin: String) throws {
        #expect(BrowserURL(url)?.origin == origin)
    }

    /// The review's attacks and their kin: each names another host to some parser.
    @Test(arguments: [
        "http://evil.example\\@127.0.0.1:8000/demo/", "http://evil.example;@127.0.0.1:8000/demo/",
        "http://user@127.0.0.1:8000/", "http://127.0.0.1:8000\\@evil.example/", "http:\\\\127.0.0.1:8000/",
        "http:/127.0.0.1:8000/", "http:127.0.0.1:8000/", "//127.0.0.1:8000/", "http://127.0.0.1%2e:8000/",
        "http://127.0.0.1:8000\t.evil.example/", "http://127.0.0.1:8000 /", " http://127.0.0.1:8000/",
        "http://127.0.0.1:/", "http://127.0.0.1:99999/", "http://127.0.0.1:8000:8000/", "javascript:alert(1)",
        "http://[::1/", "http://münchen.example/", "http://127.0.0.1:8000\n/",
    ])
    func refusesWhatParsersReadTwoWays(url: String) {
        #expect(BrowserURL(url) == nil)
    }

    @Test func loopbackMeansThisMachine() {
        for url in ["http://127.0.0.1:1", "http://127.9.8.7", "http://localhost:3", "http://[::1]:4"] {
            #expect(BrowserURL(url)?.isLoopback == true, "\(url)")
        }
        for url in ["http://127.0.0.1.evil.example", "http://0x7f.0.0.1", "http://127.1", "http://2130706433", "http://10.0.0.1"]
        {
            #expect(BrowserURL(url)?.isLoopback != true, "\(url)")
        }
    }

    /// Thousands of URLs built from the pieces attacks are made of: wherever BrowserURL accepts one, Node's WHATWG
    /// parser reads the same origin.
    @Test(.requires(.node)) func everyAcceptedURLHasTheBrowsersOrigin() throws {
        let pieces = [
            "http", "https", "HTTP", ":", "//", "/", "\\", "@", ";", "%5C", "%40", "%2e", ".", "..", "127.0.0.1", "localhost",
            "evil.example", ":8000", ":80", ":08000", "#", "?", "[::1]", "\t", " ", "0x7f", "127.1", "a", "-", "_", "~", "!",
        ]
        var random = SplitMix64(seed: 2026_12_08)
        var candidates: [String] = []
        for _ in 0..<4000 {
            var text = ["http", "https", "HTTP"][random.below(3)] + ["://", ":/", ":\\\\", "://"][random.below(4)]
            for _ in 0..<(1 + random.below(6)) { text += pieces[random.below(pieces.count)] }
            candidates.append(text)
        }
        let accepted = candidates.compactMap { text in BrowserURL(text).map { (text, $0.origin) } }
        #expect(accepted.count > 200, "too few accepted to compare: \(accepted.count)")
        let node = try #require(which("node"))
        let script = """
            const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(l => l.length)
            for (const line of lines) {
              const text = JSON.parse(line)
              try { console.log(JSON.stringify(new URL(text).origin)) } catch { console.log(JSON.stringify('invalid')) }
            }
            """
        let input = try accepted.map { String(decoding: try JSONEncoder().encode($0.0), as: UTF8.self) }.joined(separator: "\n")
        let result = try run(node, ["-e", script], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let origins = try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(String.self, from: Data($0.utf8)) }
        #expect(origins.count == accepted.count)
        let differing = zip(accepted, origins).filter { $0.0.1 != $0.1 }.map {
            "\($0.0.0.debugDescription): ours \($0.0.1), browser \($0.1)"
        }
        #expect(differing.count == 0, "\(differing.prefix(5))")
    }

    @Test func aHostHeaderMustNameThisServer() {
        for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"] {
            #expect(LoopbackHostCheck.isOwnAuthority(host, port: 8000), "\(host)")
        }
        for host in [
            "rebind.attacker:8000", "127.0.0.1:8001", "127.0.0.1", "localhost.:8000", "127.0.0.1:08000x", "", "127.0.0.1:",
            "evil@127.0.0.1:8000",
        ] {
            #expect(!LoopbackHostCheck.isOwnAuthority(host, port: 8000), "\(host)")
        }
        #expect(!LoopbackHostCheck.isOwnAuthority(nil, port: 8000))
        #expect(LoopbackHostCheck.isOwnAuthority("localhost", port: 80))
    }
}
