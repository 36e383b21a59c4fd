import Logging
import NIOCore
import NIOPosix
import WSClient

/// Glue between WSClient messages and `ComfyEventDecoder`, plus readable reasons for socket failures.
enum EventFrameDecoding {
    /// Decodes a message; one that does not decode is kept as `unknownText`/`unknownBinary` (and logged),
    /// never dropped, so a protocol drift shows up in the data instead of vanishing.
    static func event(from message: WebSocketMessage, logger: Logger) -> ComfyEvent {
        switch message {
        case .text(let text):
            do {
                return try ComfyEventDecoder.decode(text: text)
            } catch {
                logger.warning("undecodable /ws text frame", metadata: ["error": "\(error)"])
                let json = try? JSONFields.parse(Array(text.utf8), context: "text frame")
                return .unknownText(type: json?["type"]?.stringValue ?? "", data: json?["data"] ?? .string(text))
            }
        case .binary(let buffer):
            let bytes = Array(buffer.readableBytesView)
            do {
                return try ComfyEventDecoder.decode(binary: bytes)
            } catch {
                logger.warning("undecodable /ws binary frame", metadata: ["error": "\(error)"])
                let type = bytes.count >= 4 ? bytes.prefix(4).reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } : 0
                return .unknownBinary(type: type, payload: Array(bytes.dropFirst(min(4, bytes.count))))
            }
        }
    }

    /// The `type` of a text frame when it is the first member, as ComfyUI always writes it
    /// (`{"type": "progress_state", "data": …}`), read without parsing the rest; nil otherwise.
    static func leadingType(of text: String) -> String? {
        var bytes = text.utf8.makeIterator()
        let prefix = Array("{\"type\":".utf8)
        for expected in prefix {
            guard let byte = bytes.next(), byte == expected else { return nil }
        }
        var byte = bytes.next()
        while byte == UInt8(ascii: " ") { byte = bytes.next() }
        guard byte == UInt8(ascii: "\"") else { return nil }
        var name: [UInt8] = []
        while let next = bytes.next(), next != UInt8(ascii: "\"") {
            guard next != UInt8(ascii: "\\"), name.count < 64 else { return nil }
            name.append(next)
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// A reason a user can act on, naming the URL (credentials redacted, never headers).
    static func describe(_ error: any Error, url: String) -> String {
        if let error = error as? WebSocketClientError {
            if error == .webSocketUpgradeFailed {
                return "\(url): the server refused the WebSocket upgrade (not ComfyUI, a proxy without WebSocket "
                    + "support, or a 403 from an Origin/Host mismatch)"
            }
            if error == .serverSentMessageTooLarge {
                return "\(url): a message exceeded maxFrameSize; raise it"
            }
            return "\(url): \(error)"
        }
        if let error = error as? NIOConnectionError {
            return "couldn't connect to \(url) (\(error.connectionErrors.count) address(es) tried) — "
                + "is ComfyUI running? Start it with --listen to accept remote connections"
        }
        if error is ChannelError {
            return "\(url): connection failed (\(error))"
        }
        return "\(url): \(error)"
    }
}
