extension LinkResolver {
    /// What a broken link's error adds to help: the heading a fragment meant, the page a path meant, and where a
    /// reference-style link's definition is (the line to edit). Worked out only for links that are broken.
    enum Hints {
        /// A page's anchors by their lower case, made once per page for all its broken fragments.
        static func anchorIndex(_ anchors: Set<String>) -> [String: String] {
            var index: [String: String] = [:]
            for anchor in anchors.sorted() where index[anchor.lowercased()] == nil { index[anchor.lowercased()] = anchor }
            return index
        }

        /// ` (did you mean `#install`?)` when `fragment` matches an anchor in another case, or as a heading's text
        /// (`#Getting Started` for `getting-started`).
        static func fragment(_ fragment: String, index: [String: String]) -> String {
            var slugger = HeadingSlugger()
            let near = index[fragment.lowercased()] ?? index[slugger.slug(for: fragment)]
            return near.map { " (did you mean `#\($0)`?)" } ?? ""
        }

        /// ` (did you mean `../api/tokens.md`?)` when a page of that file name, in any case, is elsewhere.
        static func page(_ target: String, from page: Page, in pages: some Collection<String>) -> String {
            let name = (target.split(separator: "/").last ?? "").lowercased()
            let matches = pages.filter { ($0.split(separator: "/").last ?? "").lowercased() == name }.sorted()
            guard matches.count == 1, let match = matches.first else { return "" }
            return " (did you mean `\(relativePath(to: match, from: SiteSections.folder(of: page.sourcePath)))`?)"
        }

        /// The page's link reference definitions' destinations and their file lines, read once for all of its
        /// broken links: a reference-style link's destination is written there, not where the link is used.
        static func definitionLines(in page: Page) -> [String: Int] {
            let lines = SourceLines(page.body)
            var found: [String: Int] = [:]
            guard lines.count > 0 else { return found }
            for number in 1...lines.count {
                let text = lines.line(number)
                guard
                    let bracket = text.indices.first(where: {
                        text[$0] == UInt8(ascii: "]") && $0 + 1 < text.endIndex && text[$0 + 1] == UInt8(ascii: ":")
                    })
                else { continue }
                var rest = text[(bracket + 2)...].drop { $0 == 0x20 || $0 == 0x09 }
                if rest.first == UInt8(ascii: "<") { rest = rest.dropFirst() }
                let destination = rest.prefix { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ">") }
                let url = String(decoding: destination, as: UTF8.self)
                if !url.isEmpty, found[url] == nil { found[url] = page.fileLine(number) }
            }
            return found
        }

        /// `target` (a content path) as written from `folder`.
        static func relativePath(to target: String, from folder: String) -> String {
            var from = folder.split(separator: "/")
            var to = target.split(separator: "/")
            while let first = from.first, first == to.first {
                from.removeFirst()
                to.removeFirst()
            }
            return (Array(repeating: "..", count: from.count) + to.map(String.init)).joined(separator: "/")
        }
    }
}
