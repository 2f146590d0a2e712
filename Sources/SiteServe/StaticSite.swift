import Foundation
import SiteKit

/// Maps request paths under the base path to files in the built site; HTML gets the live-reload script (serve
/// mode only: nothing of it is ever written to `site/`).
struct StaticSite: Sendable {
    let root: URL
    let basePath: String

    static let eventsPath = "__build-site/events"
    static let scriptPath = "__build-site/live-reload.js"

    enum Resolution: Equatable {
        case file(URL)
        case redirect(String)
        case notFound
    }

    func resolve(_ requestPath: String) -> Resolution {
        let path = requestPath.removingPercentEncoding ?? requestPath
        guard path.hasPrefix(basePath) else { return .notFound }
        var relative = String(path.dropFirst(basePath.count))
        let parts = relative.split(separator: "/")
        guard !parts.contains("..") else { return .notFound }
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        let url = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        // Built from the parts, one slash apart: `GET //demo` must not answer `Location: //demo/`, which a browser
        // reads as another host (as it reads `/\\demo/`).
        if isDirectory.boolValue {
            return .redirect(basePath + (parts.filter { $0 != "." }.joined(separator: "/") + "/").percentEncodedPath)
        }
        return .file(url)
    }

    /// The page with the live-reload script added, and `'self'` allowed to connect so the event stream works
    /// under a page's own Content-Security-Policy.
    func injectLiveReload(into html: String) -> String {
        var page = html
        if let policy = page.range(of: "connect-src ") { page.replaceSubrange(policy, with: "connect-src 'self' ") }
        let tag = "<script src=\"\(basePath)\(Self.scriptPath)\"></script>\n"
        if let body = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: tag, at: body.lowerBound)
        } else {
            page += tag
        }
        return page
    }

    static let liveReloadScript = """
        // Served by `build-site serve` only: reloads after a rebuild, shows why a build failed.
        (() => {
          const base = document.currentScript.src.replace(/live-reload\\.js$/, '')
          const events = new EventSource(base + 'events')
          let overlay
          events.addEventListener('reload', () => location.reload())
          events.addEventListener('build-error', (event) => {
            if (!overlay) {
              overlay = document.createElement('pre')
              overlay.id = 'build-site-error'
              Object.assign(overlay.style, {
                position: 'fixed', left: '1rem', right: '1rem', bottom: '1rem', zIndex: '2147483647', margin: '0',
                padding: '1rem', background: '#3b0d0d', color: '#ffd7d7', font: '13px/1.4 ui-monospace, monospace',
                whiteSpace: 'pre-wrap', borderRadius: '8px', boxShadow: '0 4px 24px #0008',
              })
              document.body.append(overlay)
            }
            overlay.textContent = 'build-site: the last edit does not build; still showing the last good site.\\n\\n' + event.data
          })
        })()

        """
}
