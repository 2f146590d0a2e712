import CCmark
import Foundation

/// The memory libcmark parses in. libcmark allocates every node and buffer on its own and frees them one by one,
/// a third of a build's calls to malloc; here it bumps through blocks kept by the calling thread, and everything
/// is given back at once when the thread's outermost parse ends (`enter`, `leave`). So nothing libcmark made may
/// outlive that parse: `CmarkParse` converts its trees to values and lets go of them inside it.
enum CmarkArena {
    /// The allocator to give libcmark: its calls find the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(
                calloc: { count, size in Arena.current.zeroed(count: count, size: size) },
                realloc: { pointer, size in Arena.current.resize(pointer, to: size) },
                // Freed with the whole arena.
                free: { _ in }))
        return memory
    }()

    /// Starts a parse on this thread; parses may nest (a table's cells inside a page).
    static func enter() { Arena.current.depth += 1 }

    /// Whether a parse has started on this thread: a tree made outside one would be reclaimed by the next.
    static var isActive: Bool { Arena.current.depth > 0 }

    /// Ends it; the end of the outermost one reclaims all the memory libcmark had.
    static func leave() {
        let arena = Arena.current
        arena.depth -= 1
        if arena.depth == 0 { arena.reset() }
    }
}

/// One thread's blocks. The first is kept from parse to parse; larger parses add blocks that are freed at the end.
private final class Arena {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer = pointer as UnsafeMutableRawPointer? else { return }
            Unmanaged<Arena>.fromOpaque(pointer).release()
        }
        return key
    }()

    static var current: Arena {
        if let existing = pthread_getspecific(key) { return Unmanaged<Arena>.fromOpaque(existing).takeUnretainedValue() }
        let arena = Arena()
        pthread_setspecific(key, Unmanaged.passRetained(arena).toOpaque())
        return arena
    }

    /// Bytes before each allocation that hold its size, for `resize`; also the alignment of every allocation.
    private static let header = 16
    private static let blockSize = 256 * 1024

    var depth = 0
    private let first: UnsafeMutableRawPointer
    private var block: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0
    /// Blocks beyond the first, freed at the end of the parse.
    private var extra: [UnsafeMutableRawPointer] = []
    /// The latest allocation: it can grow in place (libcmark grows its buffers as it reads).
    private var latest: UnsafeMutableRawPointer?

    init() {
        first = UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize, alignment: Self.header)
        block = first
        capacity = Self.blockSize
    }

    deinit {
        reset()
        first.deallocate()
    }

    func reset() {
        for block in extra { block.deallocate() }
        extra = []
        block = first
        capacity = Self.blockSize
        used = 0
        latest = nil
    }

    /// The bytes a request takes with its header, rounded up to the alignment. libcmark never checks for a null
    /// pointer (its own allocator aborts), so a request that cannot be counted stops here, as it would there; it
    /// cannot happen, as libcmark refuses buffers over 1 GiB first.
    private static func footprint(_ size: Int) -> Int {
        let (padded, overflow) = size.addingReportingOverflow(2 * header - 1)
        guard size >= 0, !overflow else { fatalError("libcmark asked for \(size) bytes") }
        return padded & ~(header - 1)
    }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let needed = Self.footprint(size)
        if capacity - used < needed {
            let newCapacity = max(Self.blockSize, needed)
            block = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: Self.header)
            extra.append(block)
            capacity = newCapacity
            used = 0
        }
        let start = block + used
        used += needed
        start.storeBytes(of: size, as: Int.self)
        let pointer = start + Self.header
        latest = pointer
        return pointer
    }

    func zeroed(count: Int, size: Int) -> UnsafeMutableRawPointer {
        let (total, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow else { fatalError("libcmark asked for \(count) × \(size) bytes") }
        let pointer = allocate(total)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        return pointer
    }

    func resize(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer {
        guard let pointer else { return allocate(size) }
        let start = pointer - Self.header
        let oldSize = start.load(as: Int.self)
        let needed = Self.footprint(size)
        if pointer == latest, needed <= capacity - block.distance(to: start) {
            used = block.distance(to: start) + needed
            start.storeBytes(of: size, as: Int.self)
            return pointer
        }
        let moved = allocate(size)
        moved.copyMemory(from: pointer, byteCount: min(oldSize, size))
        return moved
    }
}
