import Foundation

/// A build failure that says where (a file, and a line when one is known) and why.
public struct SiteError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, as compilers print it, so editors can jump there.
    public var compilerStyle: String {
        (line.map { "\(file):\($0): " } ?? "\(file): ") + "error: " + message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Something the author should hear about that does not fail the build (a footnote reference with no note).
public struct SiteWarning: Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: warning: message`, as compilers print it.
    public var compilerStyle: String { "\(file):\(line): warning: \(message)" }
    public var description: String { compilerStyle }
}

extension SiteError {
    /// A system error in plain words (`No space left on device`), not Foundation's description of the error object.
    package static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedFailureReason ?? nsError.localizedDescription
    }
}

/// Every error a build found, sorted by file and line: one build shows every problem, not one per build.
public struct SiteErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [SiteError]

    public init(_ errors: [SiteError]) {
        self.errors = errors.sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
    }

    /// The errors in `thrown`, whether each is one error or several; nil if any is another kind of error.
    static func flattening(_ thrown: [any Error]) -> [SiteError]? {
        var found: [SiteError] = []
        for error in thrown {
            if let one = error as? SiteError {
                found.append(one)
            } else if let many = error as? SiteErrors {
                found += many.errors
            } else {
                return nil
            }
        }
        return found
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
