import Foundation
import Mustache

/// The Mustache layouts and partials in `templates/`, each named by its path without `.mustache`.
struct TemplateSet: Sendable {
    static let defaultLayout = "page"

    private let library: MustacheLibrary
    let names: Set<String>

    /// The built-in theme's templates, with those of the project's `templates/` (when it has one) in place of
    /// theirs, file by file, and beside them.
    /// - Parameter rewriting: applied to each template's text (the theme's assets' fingerprinted names).
    static func load(
        from root: URL, displayRoot: String, guardian: PinGuard, rewriting: (String) -> String = { $0 }
    ) throws -> TemplateSet {
        TemplateEscaping.register
        var library = MustacheLibrary()
        var names: Set<String> = []
        var sources: [String: (text: () throws -> String, displayPath: String)] = [:]
        for (name, text) in EmbeddedTheme.templates {
            sources[name] = ({ text }, "build-site's theme: \(name).mustache")
        }
        if FileManager.default.fileExists(atPath: root.path) {
            let folder = try SourceFolder(root, displayRoot: displayRoot, missing: "templates folder not found")
            for relative in try folder.walk().filter({ !$0.isDirectory && $0.path.hasSuffix(".mustache") }).map(\.path) {
                let displayPath = "\(displayRoot)/\(relative)"
                sources[String(relative.dropLast(".mustache".count))] = (
                    { try TextFile.read(path: folder.path + "/" + relative, displayPath: displayPath) }, displayPath
                )
            }
        }
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let displayPath = source.displayPath
            let text = rewriting(try source.text())
            try guardian.check(text, file: displayPath)
            do {
                library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                let line = max(1, error.context.lineNumber - TemplateEscaping.pragmaLines)
                throw SiteError(file: displayPath, line: line, "template error: \(error.error)")
            }
        }
        guard names.contains(defaultLayout) else {
            throw SiteError(file: displayRoot, "no `\(defaultLayout).mustache` layout: every page without `layout` uses it")
        }
        return TemplateSet(library: library, names: names)
    }

    func render(_ context: TemplateData, layout: String) -> String {
        library.render(context, withTemplate: layout) ?? ""
    }
}

/// Templates escape data with `HTML.escapeForTemplate`: the same output as swift-mustache's own HTML escaping,
/// which looks each Character up in a dictionary and took a fifth of the time a navigation list took to render.
/// swift-mustache starts every template and partial with its own escaping, so each template begins with the pragma
/// that selects this one, on a line of its own (a standalone tag, so it leaves no output).
enum TemplateEscaping {
    static let name = "BUILD_SITE_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"
    static let pragmaLines = 1

    /// Registers the content type, once per process.
    static let register: Void = MustacheContentTypes.register(Escaper(), named: name)

    struct Escaper: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escapeForTemplate(text) }
    }
}
