import ArgumentParser
import Foundation
import SiteKit

@main
struct BuildSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Builds content/ through templates/ into site/, a static site for GitHub Pages.",
        subcommands: [Build.self],
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

extension SiteError {
    /// `file:line: ` as compilers print it, so editors can jump there.
    var locationPrefix: String {
        line.map { "\(file):\($0): " } ?? "\(file): "
    }
}
