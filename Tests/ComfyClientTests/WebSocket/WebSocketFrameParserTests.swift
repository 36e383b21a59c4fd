import Testing

@_spi(Testing) @testable import ComfyClient

/// The client's frame parser against the frames RFC 6455 allows a server to send, and the ones a
/// client must refuse.
@Suite struct WebSocketFrameParserTests {
    /// A server frame (unmasked) with the smallest length encoding that fits, or a forced one.
    static func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, wide: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if wide || payload.count > 0xFFFF {
            bytes.append(127)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: payload.count >> shift))
            }
        } else if payload.count < 126 {
            bytes.append(UInt8(payload.count))
        } else {
            bytes += [126, UInt8(payload.count >> 8), UInt8(truncatingIfNeeded: payload.count)]
        }
        return bytes + payload
    }

    /// A readable line per message.
    static func line(_ message: WebSocketFrameParser.Message) -> String {
        switch message {
        case .text(let bytes): return "text " + String(decoding: bytes, as: UTF8.self)
        case .binary(let bytes): return "binary \(bytes.count)"
        case .ping(let bytes): return "ping " + String(decoding: bytes, as: UTF8.self)
        case .pong: return "pong"
        case .close(let code): return "close \(code.map(String.init) ?? "-")"
        }
    }

    /// Feeds `stream` in pieces of `chunk` bytes the way the socket does: unused bytes stay at the front.
    static func messages(_ stream: [UInt8], chunk: Int, limit: Int = 1 << 20) throws -> [String] {
        var parser = WebSocketFrameParser(maxMessageSize: limit)
        var buffer: [UInt8] = []
        var lines: [String] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + chunk)
            buffer += stream[offset..<end]
            offset = end
            let consumed = try buffer.withUnsafeBytes { bytes in
                try parser.parse(bytes) { lines.append(line($0)) }.consumed
            }
            buffer.removeFirst(consumed)
        }
        #expect(buffer.isEmpty, "bytes left over: \(buffer.count)")
        return lines
    }

    static func failure(_ stream: [UInt8], limit: Int = 1 << 20) -> WebSocketProtocolError? {
        do {
            _ = try messages(stream, chunk: stream.count, limit: limit)
            return nil
        } catch {
            return error as? WebSocketProtocolError
        }
    }

    @Test("every length encoding, split at every byte boundary, gives the same messages")
    func splitsAnywhere() throws {
        let long = [UInt8](repeating: 0x61, count: 300)
        let stream =
            Self.frame(1, Array(#"{"type": "status"}"#.utf8)) + Self.frame(2, [0, 0, 0, 1, 0x89])
            + Self.frame(1, long) + Self.frame(2, [1, 2, 3], wide: true) + Self.frame(0x9, Array("hi".utf8))
            + Self.frame(0xA, []) + Self.frame(0x8, [0x03, 0xE8])
        let expected = [
            #"text {"type": "status"}"#, "binary 5", "text " + String(repeating: "a", count: 300), "binary 3",
            "ping hi", "pong", "close 1000",
        ]
        for chunk in [1, 2, 3, 7, 64, stream.count] {
            #expect(try Self.messages(stream, chunk: chunk) == expected, "chunk \(chunk)")
        }
    }

    @Test("fragments are joined, with control frames passed through between them")
    func joinsFragments() throws {
        let stream =
            Self.frame(1, Array("ab".utf8), fin: false) + Self.frame(0x9, [])
            + Self.frame(0, Array("cd".utf8), fin: false)
            + Self.frame(0, Array("e".utf8)) + Self.frame(2, [9], fin: false) + Self.frame(0, [8, 7])
            + Self.frame(0x8, [])
        for chunk in [1, 5, stream.count] {
            #expect(try Self.messages(stream, chunk: chunk) == ["ping ", "text abcde", "binary 3", "close -"])
        }
    }

    @Test("the size of an incomplete frame is known as soon as its header is")
    func reportsThePendingFrameSize() throws {
        var parser = WebSocketFrameParser(maxMessageSize: 1 << 20)
        let frame = Self.frame(1, [UInt8](repeating: 0x20, count: 70_000))
        let result = try Array(frame.prefix(12)).withUnsafeBytes { bytes in
            try parser.parse(bytes) { _ in Issue.record("no message yet") }
        }
        #expect(result.consumed == 0 && result.pendingFrameSize == 70_010)
    }

    @Test("what a client must refuse is refused, with the close code to answer")
    func refusesBadFrames() {
        let cases: [([UInt8], WebSocketProtocolError)] = [
            ([0xC1, 0], .reservedBits),
            ([0x81, 0x80, 1, 2, 3, 4], .maskedFrame),
            ([0x83, 0], .reservedOpcode(3)),
            ([0x8B, 0], .reservedOpcode(11)),
            ([0x09, 0], .fragmentedControlFrame),
            (Self.frame(0x9, [UInt8](repeating: 0, count: 126)), .controlFrameTooLong(126)),
            (Self.frame(0, [1]), .continuationWithoutStart),
            (Self.frame(1, [1], fin: false) + Self.frame(1, [2]), .newMessageInsideFragmented),
            (Self.frame(0x8, [3]), .badCloseFrame),
        ]
        for (stream, expected) in cases {
            #expect(Self.failure(stream) == expected, "\(stream.prefix(4))")
            #expect(expected.closeCode == 1002)
        }
    }

    @Test("messages over the limit are refused before their bytes arrive, also across fragments")
    func enforcesTheLimit() {
        #expect(
            Self.failure(Self.frame(1, [UInt8](repeating: 0, count: 101)), limit: 100) == .messageTooLarge(limit: 100))
        #expect(Self.failure([0x82, 127, 0xFF, 0, 0, 0, 0, 0, 0, 0], limit: 100) == .messageTooLarge(limit: 100))
        let fragments =
            Self.frame(2, [UInt8](repeating: 0, count: 60), fin: false)
            + Self.frame(0, [UInt8](repeating: 0, count: 41))
        #expect(Self.failure(fragments, limit: 100) == .messageTooLarge(limit: 100))
        #expect(Self.failure(Self.frame(1, [UInt8](repeating: 0x20, count: 100)), limit: 100) == nil)
        #expect(WebSocketProtocolError.messageTooLarge(limit: 100).closeCode == 1009)
    }

    @Test("client frames are masked, carry their length, and unmask to the payload")
    func writesMaskedFrames() {
        for count in [0, 5, 125, 126, 65_535, 65_536] {
            let payload = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let frame = WebSocketFrameWriter.frame(
                opcode: WebSocketFrameWriter.text, payload: payload, maskKey: 0x0102_0304)
            #expect(frame[0] == 0x81 && frame[1] & 0x80 != 0)
            var length = Int(frame[1] & 0x7F)
            var header = 2
            if length == 126 {
                length = Int(frame[2]) << 8 | Int(frame[3])
                header = 4
            } else if length == 127 {
                length = frame[2..<10].reduce(0) { $0 << 8 | Int($1) }
                header = 10
            }
            #expect(length == count && frame.count == header + 4 + count, "count \(count)")
            #expect(Array(frame[header..<(header + 4)]) == [1, 2, 3, 4])
            let unmasked = frame[(header + 4)...].enumerated().map { $0.element ^ UInt8($0.offset % 4 + 1) }
            #expect(unmasked == payload, "count \(count)")
        }
        #expect(Array(WebSocketFrameWriter.closeFrame(code: 1009).prefix(2)) == [0x88, 0x82])
    }
}
