@testable import ComfySimulator

/// An independent PNG reader for the simulator's own files: checks the signature, every chunk CRC,
/// the zlib header and Adler-32, and un-stores the deflate blocks (the simulator writes stored blocks only).
enum PNGCheck {
    struct Decoded {
        var width = 0
        var height = 0
        var rgb: [UInt8] = []
        var text: [String: String] = [:]
        var chunkOrder: [String] = []
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func decode(_ bytes: [UInt8]) throws -> Decoded {
        guard bytes.count > 8, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Failure(description: "bad signature")
        }
        var result = Decoded()
        var idat: [UInt8] = []
        var offset = 8
        var sawEnd = false
        while offset + 12 <= bytes.count {
            let length = Int(be32(bytes, offset))
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "chunk runs past the end") }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let crc = be32(bytes, offset + 8 + length)
            guard crc == referenceCRC(Array(bytes[(offset + 4)..<(offset + 8 + length)])) else {
                throw Failure(description: "CRC mismatch in \(type)")
            }
            result.chunkOrder.append(type)
            switch type {
            case "IHDR":
                result.width = Int(be32(data, 0))
                result.height = Int(be32(data, 4))
                guard data[8] == 8, data[9] == 2 else { throw Failure(description: "not 8-bit RGB") }
            case "tEXt":
                if let zero = data.firstIndex(of: 0) {
                    result.text[String(decoding: data[..<zero], as: UTF8.self)] =
                        String(decoding: data[(zero + 1)...], as: UTF8.self)
                }
            case "IDAT": idat += data
            case "IEND": sawEnd = true
            default: break
            }
            offset += 12 + length
        }
        guard sawEnd else { throw Failure(description: "no IEND (truncated)") }
        let raw = try inflateStored(idat)
        let rowBytes = result.width * 3
        guard raw.count == (rowBytes + 1) * result.height else { throw Failure(description: "wrong IDAT size") }
        for y in 0..<result.height {
            guard raw[y * (rowBytes + 1)] == 0 else { throw Failure(description: "unexpected filter") }
            result.rgb += raw[(y * (rowBytes + 1) + 1)..<((y + 1) * (rowBytes + 1))]
        }
        return result
    }

    static func inflateStored(_ z: [UInt8]) throws -> [UInt8] {
        guard z.count >= 6, (Int(z[0]) << 8 | Int(z[1])) % 31 == 0, z[0] & 0x0F == 8 else {
            throw Failure(description: "bad zlib header")
        }
        var out: [UInt8] = []
        var i = 2
        while true {
            guard i + 5 <= z.count else { throw Failure(description: "deflate block cut") }
            let final = z[i] & 1
            guard (z[i] >> 1) & 3 == 0 else { throw Failure(description: "compressed block: not supported here") }
            let len = Int(z[i + 1]) | Int(z[i + 2]) << 8
            let nlen = Int(z[i + 3]) | Int(z[i + 4]) << 8
            guard len == (~nlen & 0xFFFF) else { throw Failure(description: "LEN/NLEN mismatch") }
            guard i + 5 + len <= z.count else { throw Failure(description: "stored data cut") }
            out += z[(i + 5)..<(i + 5 + len)]
            i += 5 + len
            if final == 1 { break }
        }
        guard i + 4 <= z.count, be32(z, i) == referenceAdler(out) else {
            throw Failure(description: "Adler-32 mismatch")
        }
        return out
    }

    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// Bitwise CRC-32 (no table), independent of the encoder's table-driven one.
    static func referenceCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    static func referenceAdler(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
