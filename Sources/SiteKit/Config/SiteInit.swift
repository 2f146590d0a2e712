import Foundation

/// `build-site init`: the smallest useful site, a home page and a `site.yml` whose every setting is there to
/// uncomment. Nothing else is needed: the theme is built in.
public enum SiteInit {
    /// Writes `content/index.md` and `content/site.yml` under `folder`, never over a file that exists, and returns
    /// the paths written (as given under `folder`).
    public static func write(to folder: URL, title: String) throws -> [String] {
        let content = folder.appendingPathComponent("content")
        let files = [("content/index.md", home(title: title)), ("content/\(SiteConfig.fileName)", config(title: title))]
        for (path, _) in files where FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) {
            throw SiteError(file: folder.appendingPathComponent(path).path, "exists already; init writes a new site only")
        }
        do {
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
            for (path, text) in files { try AtomicFile.replace(folder.appendingPathComponent(path), with: text) }
        } catch let error as SiteError {
            throw error
        } catch {
            throw SiteError(file: content.path, "could not write the site: \(SiteError.reason(error))")
        }
        return files.map(\.0)
    }

    static func home(title: String) -> String {
        """
        # \(title)

        Welcome. This is `content/index.md`: every `.md` file under `content/` is a page of the site, and every
        folder of pages a section with its own list. Write Markdown as GitHub shows it (tables, task lists,
        footnotes, `> [!NOTE]` callouts); a page's first `#` heading is its title.

        ## Next

        - Add a page: `content/guide/start.md`, and link it from here as `[a guide](guide/start.md)`.
        - See the site as you write: `build-site serve`, then open the address it prints.
        - Publish `site/` to GitHub Pages: `build-site --base-url https://OWNER.github.io/REPO/`.

        """
    }

    static func config(title: String) -> String {
        """
        # Settings for build-site. Every one is optional; uncomment what you need.
        title: \(title)
        # description: One sentence about the site, for search engines and social cards.
        # language: en
        # Links the header shows beside the title (relative to the site, or absolute):
        # nav:
        #   - title: GitHub
        #     url: https://github.com/OWNER/REPO
        # footer: Made with [build-site](https://github.com/OWNER/REPO).
        # Each page links to its source for editing, and links to the repository's other files work:
        # editURL: https://github.com/OWNER/REPO/edit/main/content/
        # A broken link fails the build; `warn` lists them and builds anyway:
        # links: warn
        # search: false
        # A site that loads the @passwordless-id/connect library pins it here, once:
        # connect:
        #   version: 1.2.1
        #   url: https://unpkg.com/@passwordless-id/connect@{version}/dist/connect.min.js

        """
    }
}
