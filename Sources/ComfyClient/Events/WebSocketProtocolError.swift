/// A server frame this client must refuse (RFC 6455 §5), with the close code to answer it with.
@_spi(Testing) public enum WebSocketProtocolError: Error, Equatable, CustomStringConvertible {
    case reservedBits
    case maskedFrame
    case reservedOpcode(UInt8)
    case fragmentedControlFrame
    case controlFrameTooLong(Int)
    case continuationWithoutStart
    case newMessageInsideFragmented
    case badCloseFrame
    /// A message (all its fragments together) larger than the limit.
    case messageTooLarge(limit: Int)

    /// 1009 for a message that is too big, 1002 (protocol error) for the rest.
    public var closeCode: UInt16 {
        if case .messageTooLarge = self { return 1009 }
        return 1002
    }

    public var description: String {
        switch self {
        case .reservedBits: return "the server set reserved bits in a frame header (no extension was agreed)"
        case .maskedFrame: return "the server sent a masked frame (servers must not mask)"
        case .reservedOpcode(let code): return "the server sent a frame with reserved opcode \(code)"
        case .fragmentedControlFrame: return "the server fragmented a control frame"
        case .controlFrameTooLong(let count): return "the server sent a control frame of \(count) bytes (at most 125)"
        case .continuationWithoutStart: return "the server sent a continuation frame without a message to continue"
        case .newMessageInsideFragmented: return "the server started a new message before finishing a fragmented one"
        case .badCloseFrame: return "the server sent a close frame with a 1-byte payload"
        case .messageTooLarge(let limit): return "a message exceeded maxFrameSize (\(limit) bytes); raise it"
        }
    }
}
