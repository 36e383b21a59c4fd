/// Builds PNG files byte by byte, independently of libpng, so the decoder is tested against a second
/// implementation: any colour type and bit depth, stored (uncompressed) deflate, real CRCs.
enum TestPNGWriter {
    struct Chunk {
        var type: String
        var data: [UInt8]
    }

    /// A PNG from already packed scanlines (filter byte 0 is added to each row here).
    static func png(
        width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]], extraChunks: [Chunk] = []
    ) -> [UInt8] {
        var ihdr = be32(UInt32(width)) + be32(UInt32(height))
        ihdr += [bitDepth, colorType, 0, 0, 0]
        var raw: [UInt8] = []
        for row in rows { raw += [0] + row }
        return file(
            chunks: [Chunk(type: "IHDR", data: ihdr)] + extraChunks + [Chunk(type: "IDAT", data: zlibStored(raw))])
    }

    /// An Adam7-interlaced 8-bit PNG from full rows of `channels` bytes per pixel.
    static func interlaced(width: Int, height: Int, colorType: UInt8, channels: Int, pixels: [UInt8]) -> [UInt8] {
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        var raw: [UInt8] = []
        for (x0, y0, dx, dy) in passes {
            let columns = Array(stride(from: x0, to: width, by: dx))
            guard !columns.isEmpty else { continue }  // an empty pass has no rows at all
            for y in stride(from: y0, to: height, by: dy) {
                raw.append(0)
                for x in columns { raw += pixels[(y * width + x) * channels..<(y * width + x + 1) * channels] }
            }
        }
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, colorType, 0, 0, 1]
        return file(chunks: [Chunk(type: "IHDR", data: ihdr), Chunk(type: "IDAT", data: zlibStored(raw))])
    }

    /// Signature + chunks + IEND.
    static func file(chunks: [Chunk]) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for chunk in chunks + [Chunk(type: "IEND", data: [])] { bytes += encode(chunk) }
        return bytes
    }

    static func encode(_ chunk: Chunk) -> [UInt8] {
        let typeAndData = Array(chunk.type.utf8) + chunk.data
        return be32(UInt32(chunk.data.count)) + typeAndData + be32(crc32(typeAndData))
    }

    /// Packs samples of `bitDepth` bits (1, 2, 4, 8 or 16) into one scanline, most significant first.
    static func pack(_ samples: [Int], bitDepth: Int) -> [UInt8] {
        if bitDepth == 16 { return samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        if bitDepth == 8 { return samples.map { UInt8($0) } }
        var out: [UInt8] = []
        var current = 0
        var used = 0
        for sample in samples {
            current = current << bitDepth | sample
            used += bitDepth
            if used == 8 {
                out.append(UInt8(current))
                current = 0
                used = 0
            }
        }
        if used > 0 { out.append(UInt8(current << (8 - used))) }
        return out
    }

    /// zlib stream of stored blocks (no compression) with its Adler-32.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return out + be32(b << 16 | a)
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
