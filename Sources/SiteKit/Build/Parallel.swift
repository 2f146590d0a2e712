import Dispatch

extension Collection where Index == Int {
    /// Maps on every core. Each element's error is kept, and the first one in collection order is thrown, so a
    /// broken build reports the same error on every run.
    func parallelMap<T>(_ transform: (Element) throws -> T) throws -> [T] {
        var results = [Result<T, Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                slots[offset] = Result { try transform(self[startIndex + offset]) }
            }
        }
        return try results.map { try $0!.get() }
    }

    func parallelForEach(_ body: (Element) throws -> Void) throws {
        _ = try parallelMap(body)
    }
}
