import Testing

@testable import ComfyImage

/// Encoding round-trips exactly and writes the text chunks ComfyUI readers expect.
@Suite struct PNGEncoderTests {
    static func pattern(width: Int, height: Int) -> RGBAImage {
        var image = RGBAImage(width: width, height: height)
        for index in image.pixels.indices { image.pixels[index] = UInt8((index * 37 + index / 4096) & 0xFF) }
        return image
    }

    @Test(arguments: [0, 1, 4, 9])
    func rgbaRoundTrip(level: Int) throws {
        let image = Self.pattern(width: 37, height: 23)
        let png = try PNGEncoder.encode(image, zlibLevel: level)
        #expect(try PNGDecoder.decode(png) == image)
    }

    @Test func rgbRoundTripWithComfyUIText() throws {
        let image = RGBAImage(width: 31, height: 17, rgb: (0..<(31 * 17 * 3)).map { UInt8($0 % 251) })
        let prompt = #"{"9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI"}}}"#
        let png = try PNGEncoder.encode(
            rgb: image.rgbBytes, width: 31, height: 17,
            text: [(key: "prompt", value: prompt), (key: "workflow", value: "{}")])
        let header = try PNGDecoder.header(png, source: "<memory>")
        #expect(header.colorType == .rgb && header.bitDepth == 8)
        #expect(try PNGDecoder.decode(png) == image)
        #expect(try PNGTextReader.read(png) == ["prompt": prompt, "workflow": "{}"])
        // tEXt chunks come before the image data, as in ComfyUI's files.
        let textOffset = try #require(PNGCorruptInputTests.dataOffset(of: "tEXt", in: png))
        let idatOffset = try #require(PNGCorruptInputTests.dataOffset(of: "IDAT", in: png))
        #expect(textOffset < idatOffset)
    }

    @Test func invalidInputIsRefused() {
        #expect(throws: ImageError.self) { try PNGEncoder.encode(rgb: [1, 2, 3], width: 2, height: 1) }
        #expect(throws: ImageError.self) { try PNGEncoder.encode(rgb: [1, 2, 3], width: 1, height: 1, zlibLevel: 12) }
        #expect(throws: ImageError.self) {
            try PNGEncoder.encode(rgb: [1, 2, 3], width: 1, height: 1, text: [(key: "", value: "x")])
        }
        #expect(throws: ImageError.self) { try PNGEncoder.encode(RGBAImage(width: 0, height: 0)) }
    }

    @Test func latin1TextIsRead() throws {
        let text = TestPNGWriter.Chunk(type: "tEXt", data: Array("Comment".utf8) + [0, 0x63, 0x61, 0x66, 0xE9])
        let png = TestPNGWriter.png(width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[7]], extraChunks: [text])
        #expect(try PNGTextReader.read(png)["Comment"] == "café")
    }
}
