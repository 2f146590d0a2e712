import Foundation
import SiteKit
import TestSupport

// `make bench-markdown`: each pathological page class (PathologicalMarkdown) at SIZE bytes and ten times that,
// through everything the build does to a page's Markdown, timed in CPU seconds (least of ROUNDS); and GitHub's
// renderer, Debian's cmark-gfm, on the larger page in the same run (wall time of the whole process, least of
// ROUNDS). Prints one line per class and the growth: linear is about 10x, the suite fails past 20x.
let environment = ProcessInfo.processInfo.environment
let size = Int(environment["SIZE"] ?? "") ?? 50_000
let rounds = Int(environment["ROUNDS"] ?? "") ?? 3
let peer = environment["CMARK_GFM"] ?? "/usr/bin/cmark-gfm"

func peerSeconds(_ text: String) -> Double? {
    guard FileManager.default.isExecutableFile(atPath: peer) else { return nil }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pathological-\(getpid()).md")
    defer { try? FileManager.default.removeItem(at: file) }
    guard (try? text.write(to: file, atomically: true, encoding: .utf8)) != nil else { return nil }
    // posix_spawn and waitpid: Foundation's Process notices an exit only some tens of milliseconds late.
    let arguments = [peer, "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "footnotes", file.path]
    return (0..<rounds).compactMap { _ -> Double? in
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let started = DispatchTime.now()
        guard posix_spawn(&pid, peer, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }.min()
}

print("class | bytes | build-site CPU ms | 10x bytes | build-site CPU ms | growth | cmark-gfm ms at 10x | build-site/cmark-gfm")
var worst = 0.0
for pathological in PathologicalMarkdown.cases {
    let small = pathological.make(size)
    let large = pathological.make(size * 10)
    let smallTime = (0..<rounds).map { _ in threadCPUSeconds { _ = Page.renderAlone(markdown: small) } }.min() ?? 0
    let largeTime = (0..<rounds).map { _ in threadCPUSeconds { _ = Page.renderAlone(markdown: large) } }.min() ?? 0
    let growth = largeTime / max(smallTime, 0.000_5) / (Double(large.utf8.count) / Double(small.utf8.count)) * 10
    worst = max(worst, growth)
    let reference = peerSeconds(large)
    let columns: [String] = [
        pathological.name, "\(small.utf8.count)", String(format: "%.1f", smallTime * 1000), "\(large.utf8.count)",
        String(format: "%.1f", largeTime * 1000), String(format: "%.1fx", growth),
        reference.map { String(format: "%.1f", $0 * 1000) } ?? "-",
        reference.map { String(format: "%.2f", largeTime / $0) } ?? "-",
    ]
    print(columns.joined(separator: " | "))
}
print(String(format: "worst growth for 10x the bytes: %.1fx (the test fails past 20x)", worst))
