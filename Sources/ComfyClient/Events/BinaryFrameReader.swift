/// Bounds-checked big-endian reads over a frame; every overrun is a `ComfyDecodingError`.
struct BinaryFrameReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func uint32(_ what: String) throws -> UInt32 {
        let field = try self.bytes(count: 4, what)
        return field.reduce(0) { ($0 << 8) | UInt32($1) }
    }

    mutating func bytes(count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw ComfyDecodingError(
                "binary frame: \(what) needs \(count) bytes at offset \(offset), but the frame has \(bytes.count) bytes"
            )
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func utf8(count: Int, _ what: String) throws -> String {
        let field = try bytes(count: count, what)
        guard let text = String(validating: field, as: UTF8.self) else {
            throw ComfyDecodingError("binary frame: \(what) is not valid UTF-8")
        }
        return text
    }

    func rest() -> [UInt8] {
        Array(bytes[offset...])
    }
}
