import Dispatch
import IDTokenKit

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--batch`: tokens one per line on stdin, one compact JSON line per token, in input order, on every core.
enum BatchMode {
    /// Returns the exit code: 0 when every token is valid, else the highest outcome code seen.
    static func run(_ inspector: Inspector) -> Int32 {
        let input = StandardStreams.readAllInput()
        var lines: [Range<Int>] = []
        var lineStart = 0
        for index in input.indices where input[index] == 0x0A {
            if index > lineStart { lines.append(lineStart..<index) }
            lineStart = index + 1
        }
        if lineStart < input.count { lines.append(lineStart..<input.count) }

        // Lines go in rounds of a few chunks per core; each chunk writes its lines' JSON into its own buffer, and
        // a round's buffers are printed in order before the next round reuses them. Order is kept, and memory
        // stays bounded however long the input.
        let chunkSize = 256
        let chunksPerRound = ProcessInfo.processInfo.activeProcessorCount * 4
        var buffers = [[UInt8]](repeating: [], count: chunksPerRound)
        var worst: Int32 = 0
        var next = 0
        while next < lines.count {
            let round = lines[next..<min(lines.count, next + chunkSize * chunksPerRound)]
            let chunkCount = (round.count + chunkSize - 1) / chunkSize
            var worsts = [Int32](repeating: 0, count: chunkCount)
            buffers.withUnsafeMutableBufferPointer { outputs in
                worsts.withUnsafeMutableBufferPointer { chunkWorsts in
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                        outputs[chunk].removeAll(keepingCapacity: true)
                        let first = round.startIndex + chunk * chunkSize
                        for line in round[first..<min(round.endIndex, first + chunkSize)] {
                            let result = inspector.inspect(String(decoding: input[line], as: UTF8.self))
                            JSONReport.writeLine(result, requirements: inspector.requirements, into: &outputs[chunk])
                            outputs[chunk].append(0x0A)
                            chunkWorsts[chunk] = max(chunkWorsts[chunk], result.outcome.rawValue)
                        }
                    }
                }
            }
            for chunk in 0..<chunkCount { StandardStreams.write(buffers[chunk]) }
            worst = max(worst, worsts.max() ?? 0)
            next = round.endIndex
        }
        return worst
    }
}
