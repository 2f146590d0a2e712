import Foundation
import OpenSSLHTTPClient

/// Pagefind, the search indexer (PyPI `pagefind[bin]`): found, held to the one version the theme's search box is
/// written against, and run over a built site. The version is pinned here and in
/// `scripts/pagefind-requirements.txt`, which `scripts/install-pagefind` installs from; a test holds the two together.
public struct Pagefind: Sendable {
    public static let version = "1.5.2"
    /// The folder of the site the index goes into, and where the search box loads it from.
    public static let folder = "pagefind"
    /// Names a Pagefind executable to use instead of the installed one.
    public static let environmentVariable = "BUILD_SITE_PAGEFIND"
    static let installation =
        "install it with `scripts/install-pagefind` (`make site` runs it) or `pip install 'pagefind[bin]==\(version)'`"

    public let executable: URL

    /// SHA-256 of the `pagefind` executable in each pagefind_bin wheel of this version (Linux x86_64 and aarch64,
    /// macOS x86_64 and arm64), from the wheels' RECORD files; the wheels themselves are pinned by their hashes in
    /// `scripts/pagefind-requirements.txt`. A Pagefind found on this machine runs only when it is one of these
    /// files: printing the right `--version` is not enough.
    static let releaseDigests: Set<String> = [
        "c4b86009ce5420dc2a1748ab2705bef6ba730ed883f684fd52ef6008bd600532",
        "91b45c26c08ab9c974de9e2b3f2a37cefc627d0f0b9f5b0baefbf1f4738cca9b",
        "868ed02b2cbba891f924e48ed8438d3ec8c4140cb1725f5b56c92bc3caad1c7e",
        "2637f6445c013d08092abbaf532ccf51ceb49c380181afb16aa0f3f462021f68",
    ]

    /// Where `scripts/install-pagefind` puts the executable: `build-site/pagefind-VERSION/pagefind` under
    /// `$XDG_DATA_HOME`, or `~/.local/share`.
    public static func installedLocation(environment: [String: String]) -> URL? {
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].map { $0 + "/.local/share" }
        return dataHome.map { URL(fileURLWithPath: "\($0)/build-site/pagefind-\(version)/pagefind") }
    }

    /// Finds Pagefind: the executable `BUILD_SITE_PAGEFIND` names (the user's own choice: held to the pinned
    /// version only), else the installed one, else `pagefind` on the PATH, else the one pip installed for
    /// `python3`, each of which must be the pinned release's very file. Errors name `configFile`, where
    /// `search: false` turns search off.
    /// - Parameter required: false returns nil when no Pagefind is found at all (a site that did not ask for search
    ///   by name builds without it); one found is held to the rules either way.
    public static func locate(
        configFile: String, required: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Pagefind? {
        if let named = environment[environmentVariable], !named.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: named) else {
                throw SiteError(file: configFile, "\(environmentVariable) names \(named), which is not an executable file")
            }
            return try checked(URL(fileURLWithPath: named), configFile: configFile, release: false)
        }
        let candidates = [
            installedLocation(environment: environment), ChildProcess.executable(named: "pagefind", environment: environment),
        ]
        if let found = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
            ?? installedByPip(environment: environment)
        {
            return try checked(found, configFile: configFile, release: true)
        }
        guard required else { return nil }
        throw SiteError(
            file: configFile,
            "search needs Pagefind \(version) (PyPI pagefind[bin]), which was not found: \(installation); "
                + "or set `search: false` here to build without search")
    }

    /// - Parameter release: the executable must be the pinned release's file (`releaseDigests`).
    private static func checked(_ executable: URL, configFile: String, release: Bool) throws -> Pagefind {
        if release {
            let real = executable.resolvingSymlinksInPath()
            guard let bytes = FileManager.default.contents(atPath: real.path),
                releaseDigests.contains(Digests.sha256Hex(of: bytes))
            else {
                throw SiteError(
                    file: configFile,
                    "Pagefind at \(executable.path) is not the Pagefind \(version) release (its SHA-256 matches none of "
                        + "the pinned wheels'), so it is not run: \(installation)")
            }
        }
        let result = try? ChildProcess.run(executable, ["--version"], in: FileManager.default.temporaryDirectory)
        let output = result.map { String(decoding: $0.output, as: UTF8.self) } ?? ""
        let found = output.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
        guard result?.status == 0, found.utf8.elementsEqual(version.utf8) else {
            let what = found.isEmpty ? "does not say its version" : "is version \(found)"
            throw SiteError(
                file: configFile, "Pagefind at \(executable.path) \(what); this site needs \(version): \(installation)")
        }
        return Pagefind(executable: executable)
    }

    /// `pip install 'pagefind[bin]'` adds no command, only a Python package that knows where its executable is.
    /// Python runs isolated (`-I`: neither the working folder nor `PYTHON*` variables reach `sys.path`) from `/`,
    /// so a `pagefind_bin.py` in the project cannot stand in for the package.
    private static func installedByPip(environment: [String: String]) -> URL? {
        guard let python = ChildProcess.executable(named: "python3", environment: environment),
            let result = try? ChildProcess.run(
                python, ["-I", "-c", "import pagefind_bin; print(pagefind_bin.get_executable())"],
                in: URL(fileURLWithPath: "/"), environment: environment, keepingErrors: false),
            result.status == 0
        else { return nil }
        let path = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// What one run indexed.
    public struct Summary: Sendable, Equatable {
        public var pages: Int
        public var seconds: Double
    }

    /// Indexes the pages of `site` that mark their text with `data-pagefind-body` into `output`, which must not
    /// exist yet. A failure is an error naming `display` (the site as the author knows it) and Pagefind's reason.
    public func index(site: URL, into output: URL, display: String) throws -> Summary {
        let started = DispatchTime.now()
        let result: ChildProcess.Result
        do {
            // Pagefind reads a pagefind.yml (or .toml, .json) from its working folder and PAGEFIND_* variables:
            // it runs in an empty folder of its own, without them, with every setting it uses given here.
            let workFolder = try Self.emptyPrivateFolder()
            defer { try? FileManager.default.removeItem(at: workFolder) }
            let environment = ProcessInfo.processInfo.environment.filter { !$0.key.uppercased().hasPrefix("PAGEFIND") }
            result = try ChildProcess.run(
                executable,
                [
                    "--site", site.path, "--output-path", output.path, "--root-selector", "html", "--glob", "**/*.{html}",
                ],
                in: workFolder, environment: environment)
        } catch let error as SiteError {
            throw error
        } catch {
            throw SiteError(file: display, "could not run Pagefind (\(executable.path)): \(SiteError.reason(error))")
        }
        let log = String(decoding: result.output, as: UTF8.self)
        guard result.status == 0 else {
            let reason = Self.errorLines(of: log)
            throw SiteError(
                file: display,
                "Pagefind could not index the site (exit \(result.status))" + (reason.isEmpty ? "" : ": " + reason))
        }
        let pages = Self.indexedPages(in: log) ?? 0
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Summary(pages: pages, seconds: seconds)
    }

    /// A new folder in the temporary folder that only this user may open.
    private static func emptyPrivateFolder() throws -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/build-site-pagefind-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SiteError(file: "Pagefind", "could not make a working folder: \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made))
    }

    /// "Indexed 4000 pages" from Pagefind's summary.
    static func indexedPages(in log: String) -> Int? {
        for line in log.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 3, words[0] == "Indexed", words[2] == "pages" || words[2] == "page" { return Int(words[1]) }
        }
        return nil
    }

    /// The lines of Pagefind's output that say what went wrong, without its progress report.
    static func errorLines(of log: String) -> String {
        let lines = log.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let errors = lines.filter { $0.localizedCaseInsensitiveContains("error") || $0.hasPrefix("thread '") }
        return (errors.isEmpty ? Array(lines.suffix(3)) : errors).joined(separator: " / ")
    }
}
