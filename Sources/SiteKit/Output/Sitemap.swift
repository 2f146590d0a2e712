/// `sitemap.xml` with absolute URLs, in a stable order.
enum Sitemap {
    static func xml(baseURL: String, paths: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths.sorted() {
            xml += "  <url><loc>\(HTML.escape(baseURL + path.percentEncodedPath))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
