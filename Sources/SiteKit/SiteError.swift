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
