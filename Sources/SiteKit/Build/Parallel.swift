import Dispatch

extension Collection where Index == Int, Self: Sendable, Element: Sendable {
    /// Maps on every core. Each element's error is kept, and the first one in collection order is thrown, so a
    /// broken build reports the same error on every run.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        var results = [Result<T, any Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot and no other.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                slots[offset] = Result { try transform(self[startIndex + offset]) }
            }
        }
        return try results.map { try $0!.get() }
    }

    func parallelForEach(_ body: @Sendable (Element) throws -> Void) throws {
        _ = try parallelMap(body)
    }
}
