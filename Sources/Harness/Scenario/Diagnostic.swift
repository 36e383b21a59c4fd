/// One problem found in a scenario or workflow, printed like a compiler message with an optional hint.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// How bad a problem is: errors stop the run, warnings are printed and the run goes on.
    public enum Severity: String, Sendable, Equatable {
        case error
        case warning
    }

    public let location: SourceLocation
    public let severity: Severity
    public let message: String
    public let hint: String?

    public init(location: SourceLocation, severity: Severity = .error, message: String, hint: String? = nil) {
        self.location = location
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(location: location, severity: .error, message: message, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(location: location, severity: .warning, message: message, hint: hint)
    }

    public var isError: Bool { severity == .error }

    /// `file:line:col: error: message`, then the hint indented on its own line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}
