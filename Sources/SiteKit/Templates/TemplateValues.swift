import Mustache

/// A few named values for a template, such as a page's `title` and `url`. swift-mustache looks names up in any
/// `MustacheParent`; this one keeps its handful of entries in order and finds a name by comparing, which costs less
/// to build and to search than hashing into a dictionary, and a theme page makes a hundred such lookups.
struct TemplateValues: MustacheParent, ExpressibleByDictionaryLiteral {
    private var entries: [(name: String, value: Any)]

    init(dictionaryLiteral elements: (String, Any)...) {
        entries = elements.map { (name: $0.0, value: $0.1) }
    }

    var names: [String] { entries.map(\.name) }

    subscript(name: String) -> Any? {
        get { entries.first { $0.name == name }?.value }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((name, value))
            case (nil, nil): break
            }
        }
    }

    func child(named name: String) -> Any? { self[name] }
}

// swift-mustache prints a value it does not know through `String(describing:)`, after casts that each look up a
// conformance (half a theme page's time went there). Text and numbers that say how they render are printed at
// the first cast, to the same text.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
