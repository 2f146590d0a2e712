import Dispatch

extension Collection where Index == Int, Self: Sendable, Element: Sendable {
    /// Maps on every core. Each element's error is kept: when they are all the author's (`SiteError`s), every
    /// one is thrown together (`SiteErrors`, sorted), so that one build shows every problem; otherwise the first
    /// in collection order, so a broken build reports the same error on every run.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        var results = [Result<T, any Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot and no other.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                slots[offset] = Result { try transform(self[startIndex + offset]) }
            }
        }
        let failures = results.compactMap { result -> (any Error)? in
            if case .failure(let error)? = result { return error }
            return nil
        }
        if let first = failures.first {
            guard let all = SiteErrors.flattening(failures) else { throw first }
            throw all.count == 1 ? all[0] as any Error : SiteErrors(all)
        }
        return try results.map { try $0!.get() }
    }

    func parallelForEach(_ body: @Sendable (Element) throws -> Void) throws {
        _ = try parallelMap(body)
    }
}
