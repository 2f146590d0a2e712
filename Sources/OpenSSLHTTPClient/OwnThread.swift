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
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { argument in
                guard let argument else { return nil }
                Unmanaged<Job>.fromOpaque(argument).takeRetainedValue().body()
                return nil
            }, job)
        if started == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: do the job here rather than never.
            Unmanaged<Job>.fromOpaque(job).takeRetainedValue().body()
        }
    }
}
