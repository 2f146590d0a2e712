import ArgumentParser
import Foundation
import SiteKit

@main
struct BuildSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Builds content/ through templates/ into site/, a static site for GitHub Pages.",
        subcommands: [Build.self, Pin.self],
        defaultSubcommand: Build.self)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site once (the default).")

    @Option(help: "Folder with Markdown pages, site.yml and the demo.")
    var content = "content"

    @Option(help: "Folder with Mustache layouts and partials.")
    var templates = "templates"

    @Option(help: "Folder to write the site to; replaced only when the build succeeds.")
    var output = "site"

    @Option(help: "URL the site is served at, e.g. https://owner.github.io/repo/.")
    var baseURL = BaseURL.localDefault.absolute

    @Flag(help: "Include pages with `draft: true`.")
    var drafts = false

    func run() throws {
        do {
            let options = SiteBuild.Options(
                content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
                output: URL(fileURLWithPath: output), baseURL: try BaseURL(baseURL), includeDrafts: drafts)
            let summary = try SiteBuild(options: options).run()
            print(
                "Built \(summary.pages) pages and \(summary.assets) assets in \(String(format: "%.2f", summary.seconds)) s into \(output)/"
            )
        } catch let error as SiteError {
            FileHandle.standardError.write(Data("\(error.locationPrefix)error: \(error.message)\n".utf8))
            throw ExitCode.failure
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
            FileHandle.standardError.write(Data("\(error.locationPrefix)error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}

extension SiteError {
    /// `file:line: ` as compilers print it, so editors can jump there.
    var locationPrefix: String {
        line.map { "\(file):\($0): " } ?? "\(file): "
    }
}
