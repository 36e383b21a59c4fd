/// Splits the bytes a WebSocket server sends into messages (RFC 6455 §5): joins fragments, passes
/// control frames through as they come, and refuses what the RFC says a client must refuse.
///
/// It reads in place: an unfragmented message is handed over as a view of the caller's buffer, so
/// the common case copies nothing. Only fragmented messages are gathered into a buffer of their own.
@_spi(Testing) public struct WebSocketFrameParser {
    /// One complete message; the bytes are valid only during the `deliver` call.
    public enum Message {
        case text(UnsafeRawBufferPointer)
        case binary(UnsafeRawBufferPointer)
        case ping(UnsafeRawBufferPointer)
        case pong
        /// The close code the server gave (nil when its close frame had no payload).
        case close(code: UInt16?)
    }

    /// The largest message accepted, all fragments together.
    public let maxMessageSize: Int
    /// The fragments of a message not finished yet, and its opcode (1 text, 2 binary).
    private var fragments: [UInt8] = []
    private var fragmentOpcode: UInt8?

    public init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// Delivers every complete frame at the start of `bytes`. Returns how many bytes it used, and the
    /// full size of the incomplete frame after them when its header is already there (so the caller can
    /// make room for it).
    public mutating func parse(
        _ bytes: UnsafeRawBufferPointer, deliver: (Message) -> Void
    ) throws(WebSocketProtocolError) -> (consumed: Int, pendingFrameSize: Int?) {
        var offset = 0
        while true {
            let remaining = bytes.count - offset
            guard remaining >= 2 else { return (offset, nil) }
            let first = bytes[offset]
            let second = bytes[offset + 1]
            guard first & 0x70 == 0 else { throw .reservedBits }
            guard second & 0x80 == 0 else { throw .maskedFrame }
            let fin = first & 0x80 != 0
            let opcode = first & 0x0F
            var headerSize = 2
            var length = Int(second & 0x7F)
            if length == 126 {
                guard remaining >= 4 else { return (offset, nil) }
                length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                headerSize = 4
            } else if length == 127 {
                guard remaining >= 10 else { return (offset, nil) }
                var wide: UInt64 = 0
                for index in 2..<10 { wide = wide << 8 | UInt64(bytes[offset + index]) }
                guard wide <= UInt64(maxMessageSize) else { throw .messageTooLarge(limit: maxMessageSize) }
                length = Int(wide)
                headerSize = 10
            }
            try check(opcode: opcode, fin: fin, length: length)
            guard remaining >= headerSize + length else { return (offset, headerSize + length) }
            let payload = UnsafeRawBufferPointer(
                rebasing: bytes[(offset + headerSize)..<(offset + headerSize + length)])
            offset += headerSize + length
            try handle(opcode: opcode, fin: fin, payload: payload, deliver: deliver)
        }
    }

    /// The header checks that need no payload: opcode, control-frame rules, size.
    private func check(opcode: UInt8, fin: Bool, length: Int) throws(WebSocketProtocolError) {
        switch opcode {
        case 0x8, 0x9, 0xA:
            guard fin else { throw .fragmentedControlFrame }
            guard length <= 125 else { throw .controlFrameTooLong(length) }
        case 0x0:
            guard fragmentOpcode != nil else { throw .continuationWithoutStart }
            guard fragments.count + length <= maxMessageSize else { throw .messageTooLarge(limit: maxMessageSize) }
        case 0x1, 0x2:
            guard fragmentOpcode == nil else { throw .newMessageInsideFragmented }
            guard length <= maxMessageSize else { throw .messageTooLarge(limit: maxMessageSize) }
        default:
            throw .reservedOpcode(opcode)
        }
    }

    private mutating func handle(
        opcode: UInt8, fin: Bool, payload: UnsafeRawBufferPointer, deliver: (Message) -> Void
    ) throws(WebSocketProtocolError) {
        switch opcode {
        case 0x1, 0x2:
            if fin {
                deliver(opcode == 0x1 ? .text(payload) : .binary(payload))
            } else {
                fragmentOpcode = opcode
                fragments.append(contentsOf: payload)
            }
        case 0x0:
            fragments.append(contentsOf: payload)
            guard fin, let started = fragmentOpcode else { return }
            fragmentOpcode = nil
            fragments.withUnsafeBytes { whole in deliver(started == 0x1 ? .text(whole) : .binary(whole)) }
            fragments.removeAll(keepingCapacity: fragments.capacity <= 1 << 20)
        case 0x8:
            guard payload.count != 1 else { throw .badCloseFrame }
            deliver(.close(code: payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil))
        case 0x9:
            deliver(.ping(payload))
        default:
            deliver(.pong)
        }
    }
}
