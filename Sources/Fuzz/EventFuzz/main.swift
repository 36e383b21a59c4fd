@_spi(Testing) import ComfyClient
import Foundation
import FuzzSupport

// Fuzzes what a (hostile or broken) server sends on /ws: every input is decoded as a text frame (by
// both text decoders, which must agree) and as a binary frame, and parsed as a JSON document (with
// and without skipping a /history workflow, which must agree on what is valid). Errors
// are expected; a trap or memory error is a bug. A parsed document must survive the writer: serialize, parse again, same value (the harness
// re-sends workflow JSON it parsed, so a lossy round trip would change what is submitted).
// The input is also a byte stream from the server to the frame parser, whole and split in pieces
// (the way reads arrive): both must give the same messages and the same error.
FuzzDriver.run { data in
    let bytes = [UInt8](data)
    let chunk = 1 + Int(bytes.first ?? 0) % 17
    let whole = frameMessages(bytes, chunk: bytes.count)
    let pieces = frameMessages(bytes, chunk: chunk)
    precondition(whole == pieces, "frame parse differs when split in \(chunk)-byte reads: \(whole) vs \(pieces)")
    _ = try? ComfyEventDecoder.decode(text: String(decoding: bytes, as: UTF8.self))
    // The fast path for flat messages must give exactly the general decoder's event, or leave it be.
    bytes.withUnsafeBytes { raw in
        guard let fast = ComfyEventDecoder.decodeFlat(utf8: raw) else { return }
        let general = try? ComfyEventDecoder.decodeGeneral(utf8: raw)
        precondition(general == fast, "fast path \(fast) vs general \(String(describing: general)): \(String(decoding: bytes, as: UTF8.self))")
    }
    _ = try? ComfyEventDecoder.decode(binary: bytes)
    // Skipping a /history workflow checks it all the same: both parses accept and refuse the same text.
    let skipped = try? JSONValue.parseHistoryWithoutWorkflows(bytes: bytes)
    guard let value = try? JSONValue.parse(bytes: bytes) else {
        precondition(skipped == nil, "accepted only when skipping: \(String(decoding: bytes, as: UTF8.self))")
        return
    }
    precondition(skipped != nil, "refused only when skipping: \(String(decoding: bytes, as: UTF8.self))")
    let written = value.serialized()
    do {
        let again = try JSONValue.parse(written)
        precondition(again == value, "JSON changed in a write/parse round trip: \(String(decoding: written, as: UTF8.self))")
    } catch {
        fatalError("the JSON writer produced text its parser refuses (\(error)): \(String(decoding: written, as: UTF8.self))")
    }
}

/// What the frame parser makes of `stream` read `chunk` bytes at a time (unused bytes stay in front,
/// as in the socket's buffer): one line per message, then the error if any.
func frameMessages(_ stream: [UInt8], chunk: Int) -> [String] {
    var parser = WebSocketFrameParser(maxMessageSize: 4096)
    var buffer: [UInt8] = []
    var lines: [String] = []
    var offset = 0
    while offset < stream.count {
        let end = min(stream.count, offset + max(1, chunk))
        buffer += stream[offset..<end]
        offset = end
        do {
            let consumed = try buffer.withUnsafeBytes { raw in
                try parser.parse(raw) { message in
                    switch message {
                    case .text(let payload): lines.append("text \(Array(payload))")
                    case .binary(let payload): lines.append("binary \(Array(payload))")
                    case .ping(let payload): lines.append("ping \(Array(payload))")
                    case .pong: lines.append("pong")
                    case .close(let code): lines.append("close \(String(describing: code))")
                    }
                }.consumed
            }
            precondition(consumed <= buffer.count, "consumed more than it was given")
            buffer.removeFirst(consumed)
        } catch {
            lines.append("error \(error)")
            return lines
        }
    }
    return lines
}
