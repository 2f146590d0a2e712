import Foundation

/// The finished site as a list of files, written to a fresh folder beside the output and swapped in only when
/// every file is written, so that a failed build leaves the previous site as it was.
struct SiteOutput {
    enum Contents {
        case data(Data)
        case copy(URL)
    }

    var files: [String: Contents] = [:]

    mutating func add(_ path: String, text: String) { files[path] = .data(Data(text.utf8)) }
    mutating func add(_ path: String, copying url: URL) { files[path] = .copy(url) }

    func write(replacing output: URL) throws {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent("\(output.lastPathComponent).tmp-\(getpid())")
        let retired = parent.appendingPathComponent("\(output.lastPathComponent).old-\(getpid())")
        let display = output.path
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            let folders = Set(files.keys.compactMap { path -> String? in
                guard let slash = path.lastIndex(of: "/") else { return nil }
                return String(path[..<slash])
            })
            for folder in folders.sorted() {
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let entries = files.sorted { $0.key < $1.key }
            try entries.parallelForEach { path, contents in
                let destination = staging.appendingPathComponent(path)
                switch contents {
                case .data(let data): try data.write(to: destination)
                case .copy(let source): try fileManager.copyItem(at: source, to: destination)
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw SiteError(file: display, "could not write the site: \(error.localizedDescription)")
        }
        do {
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: retired)
            }
            try fileManager.moveItem(at: staging, to: output)
            try? fileManager.removeItem(at: retired)
        } catch {
            if !fileManager.fileExists(atPath: output.path), fileManager.fileExists(atPath: retired.path) {
                try? fileManager.moveItem(at: retired, to: output)
            }
            try? fileManager.removeItem(at: staging)
            throw SiteError(file: display, "could not replace the site: \(error.localizedDescription)")
        }
    }
}
