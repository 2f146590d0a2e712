import ArgumentParser
import Foundation
import IDTokenKit
import LocalOpenIDProvider
import SiteKit
import SiteServe

@main
struct BuildSite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Builds content/ through templates/ into site/, a static site for GitHub Pages.",
        subcommands: [Build.self, Serve.self, Pin.self, Init.self],
        defaultSubcommand: Build.self)
}

/// The folders and URL every build-site verb works with.
struct SiteOptions: ParsableArguments {
    @Option(help: "Folder with Markdown pages, site.yml and the demo.")
    var content = "content"

    @Option(help: "Folder with Mustache layouts and partials that replace the built-in theme's, file by file.")
    var templates = "templates"

    @Option(help: "Folder to write the site to; replaced only when the build succeeds (default: site).")
    var output: String?

    @Option(help: "URL the site is served at, e.g. https://owner.github.io/repo/.")
    var baseURL = BaseURL.localDefault.absolute

    @Flag(help: "Include pages with `draft: true`.")
    var drafts = false

    @Option(
        help: ArgumentHelp(
            "What a broken link does: error (fail the build) or warn (build, and list them).",
            discussion: "Overrides `links:` in site.yml.", valueName: "error|warn"))
    var links: String?

    func validate() throws {
        if let links, SiteConfig.LinkCheck(rawValue: links) == nil {
            throw ValidationError("--links must be error or warn, not \(links)")
        }
        // Without a templates/ folder the built-in theme is used; a folder named on purpose must exist.
        if templates != "templates", !FileManager.default.fileExists(atPath: templates) {
            throw ValidationError("--templates: no folder \(templates)")
        }
    }

    func buildOptions(defaultOutput: String = "site") throws -> SiteBuild.Options {
        var options = SiteBuild.Options(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
            output: URL(fileURLWithPath: output ?? defaultOutput), baseURL: try BaseURL(baseURL), includeDrafts: drafts)
        options.linkCheck = links.flatMap(SiteConfig.LinkCheck.init(rawValue:))
        return options
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve on 127.0.0.1, and rebuild and reload open pages when content or templates change.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port = 8000

    @Flag(
        help: ArgumentHelp(
            "Also run a local OpenID provider and build the demo against it, to sign in offline.",
            discussion: "The site then goes to site-local-idp/ unless --output says otherwise: never publish it."))
    var localIdp = false

    @Option(help: "Port of the local provider on 127.0.0.1 (0 picks a free one).")
    var idpPort = 0

    @Option(help: "Signing algorithm of the local provider: RS256 (as Passwordless.ID) or ES256.")
    var idpAlgorithm = "RS256"

    /// The algorithm `--idp-algorithm` names, if the local provider signs with it.
    var providerAlgorithm: JWSAlgorithm? {
        JWSAlgorithm(rawValue: idpAlgorithm).flatMap { LocalOpenIDProvider.supportedAlgorithms.contains($0) ? $0 : nil }
    }

    @Option(help: "JSON file of the signed-in user's claims (nickname, picture, email, …), read at every sign-in.")
    var idpProfile: String?

    @Option(
        help: ArgumentHelp(
            "A copy of the real connect library to serve instead of the stand-in.",
            discussion: "Its https://api.passwordless.id is pointed at the local provider; nothing else changes."))
    var idpConnectModule: String?

    func validate() throws {
        guard localIdp || (idpPort == 0 && idpAlgorithm == "RS256" && idpProfile == nil && idpConnectModule == nil) else {
            throw ValidationError("--idp-port, --idp-algorithm, --idp-profile and --idp-connect-module need --local-idp")
        }
        if let idpConnectModule, !FileManager.default.isReadableFile(atPath: idpConnectModule) {
            throw ValidationError("--idp-connect-module: cannot read \(idpConnectModule)")
        }
        guard providerAlgorithm != nil else {
            throw ValidationError("--idp-algorithm must be RS256 or ES256, not \(idpAlgorithm)")
        }
    }

    func run() async throws {
        do {
            let provider =
                localIdp
                ? LocalOpenIDProvider.Options(
                    port: idpPort, algorithm: providerAlgorithm ?? .rs256,
                    profileFile: idpProfile.map { URL(fileURLWithPath: $0) },
                    connectModule: idpConnectModule.map { URL(fileURLWithPath: $0) })
                : nil
            // A broken profile file is reported now, not at the first click on Sign In.
            if let profile = provider?.profileFile { _ = try UserProfile.load(from: profile) }
            let build = try site.buildOptions(defaultOutput: localIdp ? "site-local-idp" : "site")
            let server = DevServer(options: .init(build: build, port: port, localProvider: provider)) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            try await server.run()
        } catch let error as SiteError {
            throw Failure.report(error.compilerStyle)
        } catch let errors as SiteErrors {
            throw Failure.report(Failure.listing(errors))
        } catch let error as DevServer.PortBusy {
            throw Failure.report("error: \(error)")
        } catch let error as UserProfile.Invalid {
            throw Failure.report("\(error)")
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site once (the default).")

    @OptionGroup var site: SiteOptions

    func run() throws {
        do {
            var options = try site.buildOptions()
            let output = site.output ?? "site"
            let progress = ProgressLine()
            if let progress { options.progress = { step in progress.show(step) } }
            defer { progress?.clear() }
            let summary = try SiteBuild(options: options).run()
            progress?.clear()
            for warning in summary.warnings { FileHandle.standardError.write(Data((warning.compilerStyle + "\n").utf8)) }
            for note in summary.notes { FileHandle.standardError.write(Data(("note: " + note + "\n").utf8)) }
            print(
                "Built \(summary.pages) pages and \(summary.assets) assets in \(String(format: "%.2f", summary.seconds)) s into \(output)/"
            )
            if let index = summary.searchIndex {
                print("Search: Pagefind indexed \(index.pages) pages in \(String(format: "%.2f", index.seconds)) s")
            }
        } catch let error as SiteError {
            throw Failure.report(error.compilerStyle)
        } catch let errors as SiteErrors {
            throw Failure.report(Failure.listing(errors))
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a site: a home page and a site.yml in content/, the theme built in.")

    @Argument(help: "Folder to start the site in (made if missing).")
    var folder = "."

    @Option(help: "The site's title.")
    var title: String?

    func run() throws {
        let url = URL(fileURLWithPath: folder)
        let name = url.standardizedFileURL.lastPathComponent
        do {
            let written = try SiteInit.write(to: url, title: title ?? (name.isEmpty || name == "/" ? "Documentation" : name))
            for path in written { print("wrote \(folder == "." ? path : folder + "/" + path)") }
            let into = folder == "." ? "" : "cd \(folder) && "
            print("Next: \(into)build-site serve   (then open the address it prints; `build-site` alone writes site/)")
        } catch let error as SiteError {
            throw Failure.report(error.compilerStyle)
        }
    }
}

struct Pin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move the connect pin in content/site.yml to another version.",
        discussion: "Without --integrity, an existing integrity value is removed: it would not match the new file.")

    @Argument(help: "The exact release, e.g. 1.2.1.")
    var version: String

    @Flag(help: "Download the pinned file and record its sha384 Subresource Integrity.")
    var integrity = false

    @Option(name: .customLong("from"), help: "Download from this URL (a mirror) instead of the CDN URL.")
    var downloadFrom: String?

    @Option(help: "Folder holding site.yml.")
    var content = "content"

    func run() throws {
        let file = URL(fileURLWithPath: content).appendingPathComponent(SiteConfig.fileName)
        do {
            let result = try PinUpdate(configFile: file, displayPath: "\(content)/\(SiteConfig.fileName)")
                .run(version: version, integrity: integrity, downloadFrom: downloadFrom.flatMap(URL.init(string:)))
            print("connect pinned to \(result.version) (was \(result.previousVersion)): \(result.url)")
            if let hash = result.integrity { print("integrity \(hash)") }
            if result.droppedIntegrity {
                print("note: the old integrity value was removed; run with --integrity to record the new one")
            }
        } catch let error as SiteError {
            throw Failure.report(error.compilerStyle)
        }
    }
}

/// Reports an error on stderr, then exits with status 1: the one way build-site says what went wrong.
enum Failure {
    static func report(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode.failure
    }

    /// Each error as compilers print it, sorted by file and line, then how many.
    static func listing(_ errors: SiteErrors) -> String {
        (errors.errors.map(\.compilerStyle) + ["\(errors.errors.count) errors"]).joined(separator: "\n")
    }
}

/// One self-erasing status line on stderr, only when stderr is a terminal: long builds show where they are, and
/// logs and pipes stay clean.
final class ProgressLine: Sendable {
    init?() {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
    }

    func show(_ step: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[2Kbuild-site: \(step)…".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
