/// Builds the frames a WebSocket client sends: always final, always masked (RFC 6455 §5.3).
enum WebSocketFrameWriter {
    static let text: UInt8 = 0x1
    static let close: UInt8 = 0x8
    static let ping: UInt8 = 0x9
    static let pong: UInt8 = 0xA

    /// One frame carrying `payload`, masked with `maskKey` (random per frame in use; fixed in tests).
    static func frame(opcode: UInt8, payload: some Collection<UInt8>, maskKey: UInt32? = nil) -> [UInt8] {
        let key = maskKey ?? UInt32.random(in: .min ... .max)
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 14)
        frame.append(0x80 | opcode)
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame.append(0x80 | 126)
            frame.append(UInt8(payload.count >> 8))
            frame.append(UInt8(truncatingIfNeeded: payload.count))
        } else {
            frame.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                frame.append(UInt8(truncatingIfNeeded: payload.count >> shift))
            }
        }
        let mask = [
            UInt8(key >> 24), UInt8(truncatingIfNeeded: key >> 16), UInt8(truncatingIfNeeded: key >> 8),
            UInt8(truncatingIfNeeded: key),
        ]
        frame.append(contentsOf: mask)
        for (index, byte) in payload.enumerated() { frame.append(byte ^ mask[index & 3]) }
        return frame
    }

    /// A close frame with `code` (1000 normal closure, 1002 protocol error, 1009 message too big).
    static func closeFrame(code: UInt16) -> [UInt8] {
        frame(opcode: close, payload: [UInt8(code >> 8), UInt8(truncatingIfNeeded: code)])
    }
}
