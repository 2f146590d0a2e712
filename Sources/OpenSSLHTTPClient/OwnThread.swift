#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A detached POSIX thread for one blocking job. Foundation's `Thread` would bring all of Foundation (and ICU)
/// into jwt-inspect's start-up.
enum OwnThread {
    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        // pthread_t is an integer on Linux and an optional pointer on Darwin.
        #if canImport(Darwin)
            var thread: pthread_t? = nil
        #else
            var thread = pthread_t()
        #endif
        let started = pthread_create(
            &thread, nil,
            { argument in
                // Optional on Linux, not on Darwin: passing it through `optional` reads the same on both.
                guard let argument = optional(argument) else { return nil }
                Unmanaged<Job>.fromOpaque(argument).takeRetainedValue().body()
                return nil
            }, job)
        if started == 0 {
            #if canImport(Darwin)
                if let thread { pthread_detach(thread) }
            #else
                pthread_detach(thread)
            #endif
        } else {
            // No thread to be had: do the job here rather than never.
            Unmanaged<Job>.fromOpaque(job).takeRetainedValue().body()
        }
    }
}

private func optional(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? { pointer }
