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

        // Chunks keep the order: each writes its lines' JSON into its own buffer, printed in chunk order.
        let chunkSize = max(1, min(512, lines.count / (ProcessInfo.processInfo.activeProcessorCount * 4)))
        let chunkCount = (lines.count + chunkSize - 1) / chunkSize
        var chunks = [(output: [UInt8], worst: Int32)](repeating: ([], 0), count: chunkCount)
        chunks.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                var output: [UInt8] = []
                // About a kilobyte of JSON per token: grow once, not line by line.
                output.reserveCapacity(chunkSize * 1536)
                var worst: Int32 = 0
                for line in lines[(chunk * chunkSize)..<min(lines.count, (chunk + 1) * chunkSize)] {
                    let result = inspector.inspect(String(decoding: input[line], as: UTF8.self))
                    JSONReport.writeLine(result, requirements: inspector.requirements, into: &output)
                    output.append(0x0A)
                    worst = max(worst, result.outcome.rawValue)
                }
                slots[chunk] = (output, worst)
            }
        }
        for chunk in chunks { StandardStreams.write(chunk.output) }
        return chunks.map(\.worst).max() ?? 0
    }
}
