import Foundation
import FuzzDriver
import LoopbackServing
import SiteKit

/// libFuzzer harnesses for what build-site parses from an author's files, one binary, chosen by `FUZZ_TARGET`:
/// a page (front matter, Markdown, headings, links, highlighting and HTML), code highlighting on its own, a demo
/// file as it is served or included (placeholders, the pin check, region markers), content paths, and the site
/// config; and what `serve`'s servers read from a browser (a redirect URL, a Host). Where a property can be stated,
/// it is asserted (`check`).
enum SiteHarness: String, CaseIterable {
    case page, highlight, asset, paths, config
    case browserURL = "browser-url"

    static let selected = selectedHarness(SiteHarness.self)

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .page: Self.page(text)
        case .highlight: Self.highlight(bytes)
        case .asset: Self.asset(text)
        case .paths: Self.paths(text)
        case .config: Self.config(text)
        case .browserURL: Self.browserURL(text)
        }
    }

    static let pin: ConnectPin = {
        do {
            return try ConnectPin(
                version: "1.2.1", urlTemplate: "https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js",
                integrity: nil, file: "site.yml", lines: [:])
        } catch { fatalError("the harness's pin: \(error)") }
    }()
    static let guardian = PinGuard(pin: pin, configFile: "site.yml")

    /// A page through everything a build does to it but the template: its errors name the file and a line of it,
    /// its heading ids are unique, and its links resolve or fail against a small site.
    static func page(_ text: String) {
        // Lines end as CommonMark and YAML end them: LF, CR LF, or a lone CR.
        let bytes = Array(text.utf8)
        let lineCount =
            bytes.indices.count {
                bytes[$0] == UInt8(ascii: "\n") || (bytes[$0] == UInt8(ascii: "\r") && bytes[safe: $0 + 1] != UInt8(ascii: "\n"))
            } + 1
        func checkLine(_ error: SiteError) {
            check(error.file == "content/guide/page.md", "error names another file: \(error)")
            if let line = error.line { check(line >= 1 && line <= lineCount + 1, "error line \(line) of \(lineCount)") }
        }
        let page: Page
        let parsed: Page.Parsed
        do {
            page = try Page(
                sourcePath: "guide/page.md", displayPath: "content/guide/page.md", text: text, pin: pin, guardian: guardian)
            parsed = try page.parse()
        } catch let error as SiteError {
            return checkLine(error)
        } catch {
            return check(false, "not a SiteError: \(error)")
        }
        check(Set(parsed.headingIDs).count == parsed.headingIDs.count, "duplicate heading ids \(parsed.headingIDs)")
        check(parsed.headingIDs.allSatisfy { !$0.isEmpty }, "an empty heading id")
        // Footnote ids and heading ids never collide, and warnings name lines of the page.
        check(parsed.anchors.count >= parsed.headingIDs.count, "anchors lost a heading id")
        for warning in parsed.warnings {
            check(warning.file == "content/guide/page.md" && warning.line >= 1 && warning.line <= lineCount + 1, "\(warning)")
        }
        let document = parsed.document
        var badMarks: [SiteError] = []
        let highlighted = try? document.rewritingCodeBlocks { block in
            do throws(CodeBlockHTML.BadMarks) {
                return .html(try CodeBlockHTML.render(block))
            } catch {
                badMarks.append(SiteError(file: "content/guide/page.md", line: page.fileLine(block.line), error.message))
                return .codeBlock(block)
            }
        }
        badMarks.forEach(checkLine)
        guard let highlighted else { return check(false, "highlighting threw") }
        let resolver = LinkResolver(
            pagesBySource: ["guide/page.md": page], assets: ["guide/image.png"], directoriesWithIndex: ["guide"],
            basePath: "/docs/")
        var destinations: [String: String] = [:]
        var pending: [LinkResolver.PendingAnchor] = []
        var linkWarnings: [SiteWarning] = []
        for link in highlighted.links where destinations[link.url] == nil {
            do {
                destinations[link.url] = try resolver.resolve(
                    link, on: page, anchors: parsed.anchors, pending: &pending, warnings: &linkWarnings)
            } catch let error as SiteError {
                checkLine(error)
            } catch {
                check(false, "not a SiteError: \(error)")
            }
        }
        do {
            try LinkResolver.check(pending, anchors: ["guide/page.md": parsed.anchors])
        } catch let error as SiteError {
            checkLine(error)
        } catch {
            check(false, "not a SiteError: \(error)")
        }
        _ = MarkdownHTML.render(highlighted, headingIDs: parsed.headingIDs, destinations: destinations)
    }

    /// Highlighting adds markup and escapes, and nothing else: without its tags and entities the HTML is the code.
    static func highlight(_ bytes: [UInt8]) {
        let languages = ["js", "swift", "json", "css", "html", "sh"]
        guard let first = bytes.first else { return }
        let language = languages[Int(first) % languages.count]
        let code = String(decoding: bytes.dropFirst(), as: UTF8.self)
        guard let html = SyntaxHighlighter.html(code, language: language) else { return check(false, "\(language) unknown") }
        var text: [UInt8] = []
        var depth = 0
        var rest = html.utf8[...]
        while let byte = rest.first {
            if byte == UInt8(ascii: "<") {
                guard let close = rest.firstIndex(of: UInt8(ascii: ">")) else { return check(false, "unclosed tag in \(html)") }
                let tag = String(decoding: rest[..<rest.index(after: close)], as: UTF8.self)
                if tag == "</span>" {
                    depth -= 1
                } else {
                    check(tag.hasPrefix("<span class=\"tok-"), "unexpected markup \(tag)")
                    depth += 1
                }
                check(depth >= 0, "a span closed twice in \(html)")
                rest = rest[rest.index(after: close)...]
                continue
            }
            text.append(byte)
            rest = rest.dropFirst()
        }
        check(depth == 0, "unbalanced spans in \(html)")
        // Entities are undone byte by byte: String's replacing compares Characters, and a combining mark after `;`
        // would hide an entity from it.
        var unescaped: [UInt8] = []
        var index = text.startIndex
        entities: while index < text.endIndex {
            if text[index] == UInt8(ascii: "&") {
                for (entity, byte) in [
                    ("&lt;", UInt8(ascii: "<")), ("&gt;", UInt8(ascii: ">")), ("&quot;", UInt8(ascii: "\"")),
                    ("&amp;", UInt8(ascii: "&")),
                ]
                where text[index...].starts(with: entity.utf8) {
                    unescaped.append(byte)
                    index += entity.utf8.count
                    continue entities
                }
            }
            unescaped.append(text[index])
            index += 1
        }
        check(unescaped == Array(code.utf8), "highlighting changed the \(language) code \(code.debugDescription)")
    }

    /// The site config, and the fast reading of plain `key: value` lines, which must be libyaml's reading.
    static func config(_ text: String) {
        _ = try? SiteConfig.parse(text, file: "site.yml")
        guard let plain = YAMLMapping.plainLines(text) else { return }
        let composed = YAMLMapping.composedLines(text)
        check(
            composed.map { $0.map { "\($0.key)=\($0.value)@\($0.line)" } } == plain.map { "\($0.key)=\($0.value)@\($0.line)" },
            "plain lines \(plain) but libyaml reads \(String(describing: composed))")
    }

    /// A served or included file: a pin error names a line of it, a region's text never holds a marker line, and
    /// stripping markers twice strips nothing more.
    static func asset(_ text: String) {
        do {
            _ = try TextAsset.process(text, displayPath: "content/demo/app.js", pin: pin, guardian: guardian)
        } catch let error as SiteError {
            let lines = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
            check(error.line.map { $0 >= 1 && $0 <= lines } ?? true, "error line \(error.line ?? 0) of \(lines)")
        } catch {
            check(false, "not a SiteError: \(error)")
        }
        let stripped = RegionMarkers.strip(text)
        check(RegionMarkers.strip(stripped) == stripped, "strip is not idempotent")
        // The first few regions: each lookup reads the whole text again.
        for name in text.split(separator: "\n").lazy.compactMap(RegionMarkers.regionName).prefix(4) {
            guard let body = CodeInclude.region(named: name, in: text) else { continue }
            for bodyLine in body.split(separator: "\n") {
                check(RegionMarkers.regionName(of: bodyLine) == nil && !RegionMarkers.isEnd(bodyLine), "a marker in \(name)")
            }
        }
    }

    /// A content path never climbs out of `content/`: no `..`, `.` or empty part, no leading `/`. The base is a
    /// page's folder, itself a normalized content path.
    static func paths(_ text: String) {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let base = ContentPath.normalize(parts.count > 1 ? String(parts[0]) : "guide") else { return }
        let path = String(parts.last ?? "")
        guard let normalized = ContentPath.normalize(path, base: base) else { return }
        check(!normalized.hasPrefix("/"), "absolute: \(normalized)")
        for part in normalized.split(separator: "/", omittingEmptySubsequences: false) where !normalized.isEmpty {
            check(!part.isEmpty && part != "." && part != "..", "\(path) on \(base) gave \(normalized)")
        }
    }
}

extension SiteHarness {
    /// A URL BrowserURL accepts is printable ASCII without a backslash or user info, and its origin reads back as
    /// itself; a Host that names this server names a loopback host.
    static func browserURL(_ text: String) {
        if let url = BrowserURL(text) {
            check(
                text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }, "accepted \(text.debugDescription)")
            check(BrowserURL(url.origin) == url, "origin \(url.origin) of \(text.debugDescription) reads otherwise")
            let authority = url.origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first ?? ""
            check(!authority.contains("@"), "user info in \(url.origin)")
        }
        let line = text.prefix { $0 != "\n" }
        if LoopbackHostCheck.isOwnAuthority(String(line), port: 8000) {
            check(
                ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"].contains(line.lowercased()), "Host \(line.debugDescription)")
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// `FUZZ_TARGET=page site-fuzz [libFuzzer options] [corpus…]`; see `fuzzMain`.
@main struct SiteFuzzMain {
    static func main() { fuzzMain { SiteHarness.selected.run($0) } }
}
