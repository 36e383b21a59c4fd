import ComfyImage

@testable import ComfySimulator

/// Reads the simulator's PNG files for the tests: checks the signature and every chunk CRC (with
/// its own bitwise CRC, independent of libpng), records the chunk order, and decodes the pixels and
/// text through ComfyImage (`PNGDecoder`, `PNGTextReader`).
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
        var offset = 8
        var sawEnd = false
        while offset + 12 <= bytes.count {
            let length = Int(be32(bytes, offset))
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "chunk runs past the end") }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard be32(bytes, offset + 8 + length) == referenceCRC(Array(bytes[(offset + 4)..<(offset + 8 + length)]))
            else {
                throw Failure(description: "CRC mismatch in \(type)")
            }
            result.chunkOrder.append(type)
            if type == "IHDR" {
                guard bytes[offset + 16] == 8, bytes[offset + 17] == 2 else { throw Failure(description: "not 8-bit RGB") }
            }
            if type == "IEND" { sawEnd = true }
            offset += 12 + length
        }
        guard sawEnd else { throw Failure(description: "no IEND (truncated)") }
        do {
            let image = try PNGDecoder.decode(bytes)
            result.width = image.width
            result.height = image.height
            result.rgb = image.rgbBytes
            result.text = try PNGTextReader.read(bytes)
        } catch {
            throw Failure(description: "ComfyImage could not decode it: \(error)")
        }
        return result
    }

    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// Bitwise CRC-32 (no table), independent of libpng's.
    static func referenceCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
