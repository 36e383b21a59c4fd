/// The Harness module's one error type: what failed, where (file, URL or value), why, and what to try.
public enum HarnessError: Error, CustomStringConvertible, Sendable {
    case io(path: String, reason: String, hint: String?)
    case usage(message: String, hint: String?)
    case server(url: String, reason: String, hint: String?)

    public var description: String {
        switch self {
        case .io(let path, let reason, let hint):
            return Self.render("\(path): \(reason)", hint)
        case .usage(let message, let hint):
            return Self.render(message, hint)
        case .server(let url, let reason, let hint):
            return Self.render("\(url): \(reason)", hint)
        }
    }

    /// The process exit code this error maps to (64 for bad usage, 1 otherwise).
    public var exitCode: Int32 {
        if case .usage = self { return 64 }
        return 1
    }

    private static func render(_ text: String, _ hint: String?) -> String {
        guard let hint else { return text }
        return "\(text) — \(hint)"
    }
}
