import Testing

@testable import ComfyImage

/// Broken input gives an `ImageError` with the source named: never a crash, never a huge allocation.
@Suite struct PNGCorruptInputTests {
    /// A valid 64×64 RGB PNG written by our own encoder (zlib-compressed, several filter types).
    static let valid: [UInt8] = {
        var rgb = [UInt8](repeating: 0, count: 64 * 64 * 3)
        for index in rgb.indices { rgb[index] = UInt8((index * 7 + index / 192) & 0xFF) }
        return try! PNGEncoder.encode(rgb: rgb, width: 64, height: 64, text: [(key: "prompt", value: "{}")])
    }()

    /// Offset of the first byte of the named chunk's data.
    static func dataOffset(of type: String, in bytes: [UInt8]) -> Int? {
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = Int(PNGHeader.uint32(bytes, offset))
            if bytes[offset + 4..<offset + 8].elementsEqual(type.utf8) { return offset + 8 }
            offset += 12 + length
        }
        return nil
    }

    @Test func validControlDecodes() throws {
        #expect(try PNGDecoder.decode(Self.valid).width == 64)
    }

    @Test func badCRCInIDAT() throws {
        var bytes = Self.valid
        let idat = try #require(Self.dataOffset(of: "IDAT", in: bytes))
        let length = Int(PNGHeader.uint32(bytes, idat - 8))
        bytes[idat + length] ^= 0x55  // first byte of the CRC: the data itself is intact
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes, source: "bad-crc.png") }
        #expect(error?.source == "bad-crc.png")
        #expect(error?.message.contains("CRC") == true, "\(String(describing: error))")
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes) }
    }

    @Test func corruptDeflateData() throws {
        var bytes = Self.valid
        let idat = try #require(Self.dataOffset(of: "IDAT", in: bytes))
        for offset in stride(from: idat + 2, to: idat + 40, by: 3) { bytes[offset] ^= 0xA5 }
        #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes) }
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes) }
    }

    @Test func garbageAfterSignature() {
        var bytes = Array(Self.valid.prefix(8))
        bytes += (0..<500).map { UInt8(($0 * 31 + 7) & 0xFF) }
        #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes) }
        #expect(throws: ImageError.self) { try PNGTextReader.read(bytes) }
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes) }
    }

    @Test(arguments: [1, 8, 20, 33, 40, 60, 100, 0.5, 0.9, 0.99] as [Double])
    func truncated(at cut: Double) {
        // Whole numbers are byte offsets, fractions are a share of the file.
        let length = cut < 1 ? Int(Double(Self.valid.count) * cut) : Int(cut)
        let bytes = Array(Self.valid.prefix(length))
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes, source: "cut.png") }
        #expect(error?.source == "cut.png")
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes) }
    }

    @Test func empty() {
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode([], source: "empty.png") }
        #expect(error?.message.contains("empty") == true)
        #expect(throws: ImageError.self) { try PNGTextReader.read([]) }
    }

    @Test func notAPNG() {
        let html = Array("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>".utf8)
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(html, source: "http://gpu:8188/view") }
        #expect(error?.hint?.contains("HTML") == true)
        #expect(throws: ImageError.self) { try PNGDecoder.decode([0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0]) }
    }

    @Test func hugeDimensionsAreRefusedFromTheHeader() throws {
        // A valid IHDR (correct CRC) claiming 100000×100000 RGBA: 40 GB if anyone believed it.
        var ihdr = TestPNGWriter.be32(100_000) + TestPNGWriter.be32(100_000)
        ihdr += [8, 6, 0, 0, 0]
        let bytes = TestPNGWriter.file(chunks: [
            .init(type: "IHDR", data: ihdr), .init(type: "IDAT", data: TestPNGWriter.zlibStored([0, 1, 2])),
        ])
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes) }
        #expect(error?.message.contains("refusing") == true)
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes) }
        let header = try PNGDecoder.header(bytes, source: "huge.png")
        #expect(header.width == 100_000)
        // A tighter limit refuses ordinary images too.
        let small = PNGLimits(maxWidth: 32, maxHeight: 32, maxPixels: 1024)
        #expect(throws: ImageError.self) { try PNGDecoder.decode(Self.valid, limits: small) }
    }

    @Test func sizeTheImageDataCannotFillIsRefusedBeforeAllocating() throws {
        // Inside the limits (16384² RGBA = 1 GiB of pixels) but with 11 bytes of image data: the
        // decoder must not allocate the buffer to find that out.
        var ihdr = TestPNGWriter.be32(16384) + TestPNGWriter.be32(16384)
        ihdr += [8, 6, 0, 0, 0]
        let bytes = TestPNGWriter.file(chunks: [
            .init(type: "IHDR", data: ihdr), .init(type: "IDAT", data: TestPNGWriter.zlibStored([0, 1, 2])),
        ])
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes, source: "crafted.png") }
        #expect(error?.source == "crafted.png")
        #expect(error?.message.contains("cannot hold 16384x16384") == true, "\(String(describing: error))")
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes) }
    }

    @Test func theMostCompressibleValidImageStillDecodes() throws {
        // All zeros at zlib 9 is deflate's best case (close to 1032:1): the data-size bound must not
        // refuse it, at any colour type's row size.
        for (width, height) in [(1024, 1024), (3, 4096), (4096, 3)] {
            let rgb = [UInt8](repeating: 0, count: width * height * 3)
            let bytes = try PNGEncoder.encode(rgb: rgb, width: width, height: height, zlibLevel: 9)
            #expect(try PNGDecoder.decode(bytes).width == width)
            _ = try PixelDigest.of(bytes)
        }
    }

    @Test func missingFile() {
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decodeFile("/nonexistent/baseline.png") }
        #expect(error?.message == "no such file")
    }

    @Test func invalidIHDRFields() {
        let bad = TestPNGWriter.png(width: 1, height: 1, bitDepth: 3, colorType: 2, rows: [[0, 0, 0]])
        #expect(throws: ImageError.self) { try PNGDecoder.decode(bad) }
        let zero = TestPNGWriter.png(width: 0, height: 1, bitDepth: 8, colorType: 2, rows: [[]])
        #expect(throws: ImageError.self) { try PNGDecoder.decode(zero) }
    }
}
