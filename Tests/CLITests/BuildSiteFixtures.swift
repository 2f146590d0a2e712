import Foundation
import TestSupport

/// A small site in a temporary folder: the repository's templates, a pinned config and a few pages that link
/// to each other and include demo code. Tests break one file at a time.
final class FixtureSite {
    static let pinnedURL = "https://unpkg.com/@passwordless-id/connect@1.2.1/dist/connect.min.js"

    let folder: TemporaryFolder

    /// - Parameter search: index the site with Pagefind, as a site does unless `search: false`; off by default,
    ///   so that tests of other things neither need nor wait for Pagefind.
    init(search: Bool = false) throws {
        folder = try TemporaryFolder()
        let templates = Executable.packageRoot.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
            try folder.write("templates/\(name)", try Data(contentsOf: templates.appendingPathComponent(name)))
        }
        try folder.write(
            "content/site.yml",
            """
            title: Fixture
            search: \(search)
            connect:
              version: 1.2.1
              url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js
            """)
        try folder.write(
            "content/index.md",
            """
            ---
            title: Home
            order: 1
            ---
            Read the [guide](guide/setup.md#install) or open the [demo](demo/).

            ## Start
            ```js file=demo/app.js region=main
            ```
            """)
        try folder.write(
            "content/guide/setup.md",
            """
            ---
            title: Setup
            order: 2
            ---
            ## Install
            Back [home](../index.md#start), see [below](#use).
            ## Use
            Text.
            """)
        try folder.write("content/demo/index.html", "<script type=\"module\" src=\"app.js\"></script>\n")
        try folder.write(
            "content/demo/app.js",
            """
            // #region main
            import passwordless from '{{connect.url}}'
            passwordless.auth({ scope: 'openid' })
            // #endregion
            """)
    }

    var root: URL { folder.url }

    func build(_ arguments: String...) throws -> ProcessResult {
        try run(Executable.url("build-site"), arguments, in: root)
    }
}
