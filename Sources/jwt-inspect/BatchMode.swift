import Dispatch
import IDTokenKit

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--batch`: tokens one per line on stdin, one compact JSON line per token, in input order, on every core.
enum BatchMode {
    /// Small chunks, many per round: the cores then finish a round close together (with 4 chunks of 256 per
    /// core, one core often waited most of a chunk at the end of each round).
    static let chunkSize = 64
    static let chunksPerCore = 16
    /// A round holds at most this much input (lines are cut at `LineReader.lineLimit`).
    static let roundByteLimit = 8 << 20

    /// Returns the exit code: 0 when every token is valid, else the highest outcome code seen.
    static func run(_ inspector: Inspector) async -> Int32 {
        // The keys are had once, before any token; a token with an unknown kid asks for a refetch (at most one
        // per run), and its round is then done again with the new set.
        var keys = KeysAtHand.none
        if let provider = inspector.keys {
            do {
                keys = .set(try await provider.keySet())
            } catch {
                keys = .failed(error)
            }
        }
        var refetched = false

        // Lines go in rounds of a few chunks per core, read from stdin one round at a time; each chunk writes its
        // lines' JSON into its own buffer, and a round's buffers are printed in order before the next round reuses
        // them. Order is kept, and memory stays bounded however long the input.
        let chunksPerRound = ProcessInfo.processInfo.activeProcessorCount * chunksPerCore
        var buffers = [[UInt8]](repeating: [], count: chunksPerRound)
        var reader = LineReader.standardInput()
        var worst: Int32 = 0
        while true {
            let (input, lines) = reader.next(limit: chunkSize * chunksPerRound, byteLimit: roundByteLimit)
            if lines.isEmpty { break }
            var round = inspect(lines[...], of: input, keys: keys, inspector: inspector, into: &buffers)
            if round.unknownKeyID, !refetched, case .set = keys, let provider = inspector.keys {
                refetched = true
                if let refreshed = try? await provider.refreshedKeySet() {
                    keys = .set(refreshed)
                    round = inspect(lines[...], of: input, keys: keys, inspector: inspector, into: &buffers)
                }
            }
            for chunk in 0..<(lines.count + chunkSize - 1) / chunkSize { StandardStreams.write(buffers[chunk]) }
            worst = max(worst, round.worst)
        }
        return worst
    }

    enum KeysAtHand: Sendable {
        case none
        case set(JWKSet)
        case failed(KeyLookupError)
    }

    /// Inspects a round of lines on every core into `buffers`; returns its worst exit code and whether a token
    /// named a kid the key set lacks.
    private static func inspect(
        _ round: ArraySlice<Range<Int>>, of input: [UInt8], keys: KeysAtHand, inspector: Inspector, into buffers: inout [[UInt8]]
    ) -> (worst: Int32, unknownKeyID: Bool) {
        let chunkCount = (round.count + chunkSize - 1) / chunkSize
        var worsts = [Int32](repeating: 0, count: chunkCount)
        var unknown = [Bool](repeating: false, count: chunkCount)
        buffers.withUnsafeMutableBufferPointer { outputs in
            worsts.withUnsafeMutableBufferPointer { chunkWorsts in
                unknown.withUnsafeMutableBufferPointer { chunkUnknown in
                    // Each chunk writes only its own slots.
                    nonisolated(unsafe) let (outputs, chunkWorsts, chunkUnknown) = (outputs, chunkWorsts, chunkUnknown)
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                        outputs[chunk].removeAll(keepingCapacity: true)
                        let first = round.startIndex + chunk * chunkSize
                        for line in round[first..<min(round.endIndex, first + chunkSize)] {
                            let result = inspect(String(decoding: input[line], as: UTF8.self), keys: keys, inspector: inspector)
                            JSONReport.writeLine(result, requirements: inspector.requirements, into: &outputs[chunk])
                            outputs[chunk].append(0x0A)
                            chunkWorsts[chunk] = max(chunkWorsts[chunk], result.outcome.exitCode)
                            if case .inspected(let inspection) = result, case .set(let set) = keys,
                                let keyID = inspection.token.header.keyID, !set.contains(keyID: keyID)
                            {
                                chunkUnknown[chunk] = true
                            }
                        }
                    }
                }
            }
        }
        return (worsts.max() ?? 0, unknown.contains(true))
    }

    private static func inspect(_ line: String, keys: KeysAtHand, inspector: Inspector) -> Inspector.Result {
        switch keys {
        case .none: return inspector.inspect(line, with: nil)
        case .set(let set): return inspector.inspect(line, with: set)
        case .failed(let error):
            switch inspector.decode(line) {
            case .malformed(let result): return result
            case .token(let token):
                return .inspected(
                    Inspection(
                        token: token, signature: .keysUnavailable(error),
                        checks: IDTokenVerifier.decodeOnly(token, requirements: inspector.requirements, now: inspector.now).checks
                    ))
            }
        }
    }
}
