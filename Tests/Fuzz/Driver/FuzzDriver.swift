import CLibFuzzer
import Foundation

/// The harness libFuzzer calls: its callback is a C function pointer, which cannot capture, so it reads a global.
nonisolated(unsafe) private var selectedHarness: ([UInt8]) -> Void = { _ in }

/// The main of a harness binary: with `-sanitize=fuzzer -DFUZZING` (see `Tests/Fuzz/run`) libFuzzer drives `run`;
/// otherwise each file named on the command line is replayed through it, e.g. a crash.
public func fuzzMain(_ run: @escaping ([UInt8]) -> Void) -> Never {
    #if FUZZING
        selectedHarness = run
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(
            LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                selectedHarness(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                return 0
            })
    #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            run(Array(data))
        }
        exit(0)
    #endif
}

/// The harness `FUZZ_TARGET` names.
public func selectedHarness<Harness: CaseIterable & RawRepresentable>(_: Harness.Type) -> Harness
where Harness.RawValue == String {
    guard let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"], let harness = Harness(rawValue: name) else {
        fatalError("set FUZZ_TARGET to one of: \(Harness.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return harness
}

/// A property the harness asserts: when it fails, the crash makes libFuzzer report the input.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property violated: \(message())") }
}
