/// A reply or event that did not have the shape ComfyUI sends; the message names the field and the problem.
public struct ComfyDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
