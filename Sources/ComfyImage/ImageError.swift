/// A PNG that could not be read or written: what failed, where, and what to try.
public struct ImageError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file path, URL, or `"<memory>"` the bytes came from.
    public let source: String
    public let message: String
    public let hint: String?

    public init(source: String, message: String, hint: String? = nil) {
        self.source = source
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(source): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}
