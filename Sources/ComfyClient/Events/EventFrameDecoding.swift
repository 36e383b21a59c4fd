import Logging

/// Glue between `/ws` frames and `ComfyEventDecoder`, plus readable reasons for socket failures.
enum EventFrameDecoding {
    /// Decodes a text message; one that does not decode is kept as `unknownText` (and logged), never
    /// dropped, so a protocol drift shows up in the data instead of vanishing.
    static func event(fromText bytes: UnsafeRawBufferPointer, logger: Logger) -> ComfyEvent {
        do {
            return try ComfyEventDecoder.decode(utf8: bytes)
        } catch {
            logger.warning("undecodable /ws text frame", metadata: ["error": "\(error)"])
            let json = try? JSONValue.parse(bytes: Array(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            return .unknownText(type: json?["type"]?.stringValue ?? "", data: json?["data"] ?? .string(text))
        }
    }

    /// Decodes a binary message; one that does not decode is kept as `unknownBinary` (and logged).
    static func event(fromBinary bytes: [UInt8], logger: Logger) -> ComfyEvent {
        do {
            return try ComfyEventDecoder.decode(binary: bytes)
        } catch {
            logger.warning("undecodable /ws binary frame", metadata: ["error": "\(error)"])
            let type = bytes.count >= 4 ? bytes.prefix(4).reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } : 0
            return .unknownBinary(type: type, payload: Array(bytes.dropFirst(min(4, bytes.count))))
        }
    }

    /// The `type` of a text frame when it is the first member, as ComfyUI always writes it
    /// (`{"type": "progress_state", "data": …}`), read without parsing the rest; nil otherwise.
    static func leadingType(of text: String) -> String? {
        var text = text
        return text.withUTF8 { leadingType(of: UnsafeRawBufferPointer($0)) }
    }

    /// `leadingType(of:)` on the message's bytes.
    static func leadingType(of bytes: UnsafeRawBufferPointer) -> String? {
        let prefix: StaticString = "{\"type\":"
        let count = prefix.utf8CodeUnitCount
        guard bytes.count > count else { return nil }
        let start = prefix.utf8Start
        for offset in 0..<count where bytes[offset] != start[offset] { return nil }
        var index = count
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let nameStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] != UInt8(ascii: "\\"), index - nameStart < 64 else { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
    }
}
