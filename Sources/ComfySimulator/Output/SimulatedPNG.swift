/// A minimal PNG writer (8-bit RGB, tEXt chunks before IDAT, store-only deflate): no compression,
/// so a 1024² image costs a copy and two checksums. Swap `encode` for ComfyImage's encoder when it lands.
public enum SimulatedPNG {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes `rgb` (width × height × 3 bytes, row-major) with the given tEXt chunks.
    public static func encode(rgb: [UInt8], width: Int, height: Int, text: [(key: String, value: String)]) -> [UInt8] {
        let rowBytes = width * 3
        precondition(width > 0 && height > 0 && rgb.count == rowBytes * height, "RGB buffer does not match size")
        var out = signature
        var header: [UInt8] = []
        appendBE32(&header, UInt32(width))
        appendBE32(&header, UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8-bit, RGB, deflate, adaptive filtering, no interlace
        appendChunk(&out, "IHDR", header)
        for (key, value) in text {
            // tEXt is Latin-1: keep the key to 1-79 bytes; non-Latin-1 value bytes are left as UTF-8.
            let keyBytes = Array(key.utf8.prefix(79))
            appendChunk(&out, "tEXt", keyBytes + [0] + Array(value.utf8))
        }
        appendChunk(&out, "IDAT", zlibStored(rgb: rgb, rowBytes: rowBytes, height: height))
        appendChunk(&out, "IEND", [])
        return out
    }

    /// zlib stream of the filtered scanlines (filter byte 0 per row) in stored deflate blocks.
    static func zlibStored(rgb: [UInt8], rowBytes: Int, height: Int) -> [UInt8] {
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * height)
        rgb.withUnsafeBufferPointer { source in
            for y in 0..<height {
                raw.append(0)
                raw.append(contentsOf: source[(y * rowBytes)..<((y + 1) * rowBytes)])
            }
        }
        var out: [UInt8] = [0x78, 0x01]
        out.reserveCapacity(raw.count + raw.count / 65_535 * 5 + 16)
        var offset = 0
        repeat {
            let length = min(65_535, raw.count - offset)
            let final: UInt8 = offset + length >= raw.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out.append(contentsOf: raw[offset..<(offset + length)])
            offset += length
        } while offset < raw.count
        appendBE32(&out, adler32(raw))
        return out
    }

    static func appendChunk(_ out: inout [UInt8], _ type: String, _ data: [UInt8]) {
        appendBE32(&out, UInt32(data.count))
        let typeBytes = Array(type.utf8)
        out += typeBytes
        out += data
        appendBE32(&out, crc32(typeBytes + data))
    }

    static func appendBE32(_ out: inout [UInt8], _ value: UInt32) {
        out += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        crcTable.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { data in
                for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
            }
        }
        return c ^ 0xFFFF_FFFF
    }

    public static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        bytes.withUnsafeBufferPointer { data in
            var index = 0
            while index < data.count {
                // 5552 is the largest run that cannot overflow before the modulo.
                let end = min(index + 5552, data.count)
                while index < end {
                    a &+= UInt32(data[index])
                    b &+= a
                    index += 1
                }
                a %= 65_521
                b %= 65_521
            }
        }
        return (b << 16) | a
    }

    /// Width and height from the IHDR of a PNG, nil when the signature or IHDR is missing or the file
    /// is cut short (used by LoadImage to tell a good upload from a corrupt one).
    static func dimensions(of bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 33, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        func be32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        guard Array(bytes.suffix(8).prefix(4)) == Array("IEND".utf8) else { return nil }
        return (be32(16), be32(20))
    }
}
