import Dispatch
import Foundation
import IDTokenKit

/// `--batch`: tokens one per line on stdin, one compact JSON line per token, in input order, on every core.
enum BatchMode {
    /// Returns the exit code: 0 when every token is valid, else the highest outcome code seen.
    static func run(_ inspector: Inspector) -> Int32 {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        var results = [String](repeating: "", count: lines.count)
        var worst: Int32 = 0
        let lock = NSLock()
        let chunk = max(1, lines.count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (lines.count + chunk - 1) / chunk
        results.withUnsafeMutableBufferPointer { output in
            let slots = output
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                var localWorst: Int32 = 0
                for line in index * chunk..<min(lines.count, (index + 1) * chunk) {
                    let result = inspector.inspect(String(decoding: lines[lines.startIndex + line], as: UTF8.self))
                    slots[line] = JSONReport.render(result, requirements: inspector.requirements, compact: true)
                    localWorst = max(localWorst, result.outcome.rawValue)
                }
                lock.lock()
                worst = max(worst, localWorst)
                lock.unlock()
            }
        }
        var output = results.joined(separator: "\n")
        if !output.isEmpty { output += "\n" }
        FileHandle.standardOutput.write(Data(output.utf8))
        return worst
    }
}
