import Foundation
import TestSupport
import Testing

@testable import SiteKit

/// Every page takes time in proportion to its size: each of libcmark's pathological classes and GitHub's own, at a
/// size and at ten times it, must take at most 20 times as long (quadratic work takes 100 times). CPU time of
/// the thread, the least of a few runs, so that another process's load does not count.
@Suite struct PathologicalInputTests {
    static let size = Int(ProcessInfo.processInfo.environment["PATHOLOGICAL_SIZE"] ?? "") ?? 20_000

    static func fastest(_ runs: Int, _ text: String) -> Double {
        (0..<runs).map { _ in threadCPUSeconds { _ = Page.renderAlone(markdown: text) } }.min() ?? 0
    }

    @Test(arguments: PathologicalMarkdown.cases.map(\.name))
    func timeGrowsInProportionToThePage(name: String) throws {
        let pathological = try #require(PathologicalMarkdown.cases.first { $0.name == name })
        let small = pathological.make(Self.size)
        let large = pathological.make(Self.size * 10)
        let sizeRatio = Double(large.utf8.count) / Double(small.utf8.count)
        let smallTime = Self.fastest(3, small)
        let largeTime = Self.fastest(2, large)
        // Below a millisecond, timer and cache noise outweigh the work.
        let ratio = largeTime / max(smallTime, 0.001)
        #expect(
            ratio <= 2 * sizeRatio, "\(name): \(smallTime) s at \(small.utf8.count) B, \(largeTime) s at \(large.utf8.count) B")
    }
}
