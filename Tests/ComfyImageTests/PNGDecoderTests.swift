import Foundation
import Testing

@testable import ComfyImage

/// Every colour type and bit depth decodes to the exact RGBA values.
@Suite struct PNGDecoderTests {
    /// A 4×1 gray image at `depth` with the samples 0, 1, max-1, max.
    @Test(arguments: [1, 2, 4, 8, 16])
    func grayDepths(depth: Int) throws {
        let maxSample = (1 << depth) - 1
        let samples = [0, 1, max(0, maxSample - 1), maxSample]
        let png = TestPNGWriter.png(
            width: 4, height: 1, bitDepth: UInt8(depth), colorType: 0,
            rows: [TestPNGWriter.pack(samples, bitDepth: depth)])
        let image = try PNGDecoder.decode(png)
        #expect(image.width == 4 && image.height == 1)
        for (x, sample) in samples.enumerated() {
            // Scaling to 8 bits: exact for 1/2/4/8 bit, v/257 rounded for 16 bit.
            let expected = UInt8((sample * 255 + maxSample / 2) / maxSample)
            #expect(image[x, 0] == [expected, expected, expected, 255], "depth \(depth) sample \(sample)")
        }
    }

    @Test func sixteenBitMidGreyIsNotGammaConverted() throws {
        let png = TestPNGWriter.png(
            width: 1, height: 1, bitDepth: 16, colorType: 0, rows: [TestPNGWriter.pack([128 * 257], bitDepth: 16)])
        #expect(try PNGDecoder.decode(png)[0, 0] == [128, 128, 128, 255])
    }

    @Test(arguments: [8, 16])
    func grayAlpha(depth: Int) throws {
        let scale = depth == 16 ? 257 : 1
        let samples = [10, 255, 200, 128, 77, 0].map { $0 * scale }
        let png = TestPNGWriter.png(
            width: 3, height: 1, bitDepth: UInt8(depth), colorType: 4,
            rows: [TestPNGWriter.pack(samples, bitDepth: depth)])
        let image = try PNGDecoder.decode(png)
        #expect(image[0, 0] == [10, 10, 10, 255])
        #expect(image[1, 0] == [200, 200, 200, 128])
        #expect(image[2, 0][3] == 0)
    }

    @Test(arguments: [8, 16])
    func rgb(depth: Int) throws {
        let scale = depth == 16 ? 257 : 1
        let samples = [255, 0, 0, 1, 128, 254, 12, 34, 56].map { $0 * scale }
        let png = TestPNGWriter.png(
            width: 3, height: 1, bitDepth: UInt8(depth), colorType: 2,
            rows: [TestPNGWriter.pack(samples, bitDepth: depth)])
        let image = try PNGDecoder.decode(png)
        #expect(image.pixels == [255, 0, 0, 255, 1, 128, 254, 255, 12, 34, 56, 255])
    }

    @Test(arguments: [8, 16])
    func rgba(depth: Int) throws {
        let scale = depth == 16 ? 257 : 1
        let samples = [255, 0, 0, 255, 1, 128, 254, 128, 12, 34, 56, 200].map { $0 * scale }
        let png = TestPNGWriter.png(
            width: 3, height: 1, bitDepth: UInt8(depth), colorType: 6,
            rows: [TestPNGWriter.pack(samples, bitDepth: depth)])
        let image = try PNGDecoder.decode(png)
        #expect(image.pixels == [255, 0, 0, 255, 1, 128, 254, 128, 12, 34, 56, 200])
    }

    @Test(arguments: [false, true])
    func palette(withTransparency: Bool) throws {
        let palette = TestPNGWriter.Chunk(type: "PLTE", data: [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7])
        let transparency = TestPNGWriter.Chunk(type: "tRNS", data: [0, 128])  // entries 2 and 3 stay opaque
        let png = TestPNGWriter.png(
            width: 4, height: 2, bitDepth: 2, colorType: 3,
            rows: [TestPNGWriter.pack([0, 1, 2, 3], bitDepth: 2), TestPNGWriter.pack([3, 2, 1, 0], bitDepth: 2)],
            extraChunks: withTransparency ? [palette, transparency] : [palette])
        let image = try PNGDecoder.decode(png)
        #expect(image[0, 0] == [255, 0, 0, withTransparency ? 0 : 255])
        #expect(image[1, 0] == [0, 255, 0, withTransparency ? 128 : 255])
        #expect(image[2, 0] == [0, 0, 255, 255])
        #expect(image[0, 1] == [9, 8, 7, 255])
        #expect(image[3, 1][3] == (withTransparency ? 0 : 255))
    }

    @Test func grayWithTransparentColourKey() throws {
        let key = TestPNGWriter.Chunk(type: "tRNS", data: [0, 50])
        let png = TestPNGWriter.png(
            width: 2, height: 1, bitDepth: 8, colorType: 0, rows: [[50, 51]], extraChunks: [key])
        let image = try PNGDecoder.decode(png)
        #expect(image[0, 0][3] == 0)
        #expect(image[1, 0] == [51, 51, 51, 255])
    }

    @Test func adam7Interlaced() throws {
        let width = 11, height = 7
        let rgb = (0..<(width * height * 3)).map { UInt8(($0 * 29 + 3) & 0xFF) }
        let png = TestPNGWriter.interlaced(width: width, height: height, colorType: 2, channels: 3, pixels: rgb)
        #expect(try PNGDecoder.header(png, source: "i.png").interlaced)
        #expect(try PNGDecoder.decode(png) == RGBAImage(width: width, height: height, rgb: rgb))
        // The digest reads interlaced rows too, and tells a changed pixel apart.
        var changed = rgb
        changed[(3 * width + 5) * 3] ^= 1
        let other = TestPNGWriter.interlaced(width: width, height: height, colorType: 2, channels: 3, pixels: changed)
        #expect(try PixelDigest.of(png) == PixelDigest.of(png))
        #expect(try PixelDigest.of(png) != PixelDigest.of(other))
    }

    @Test func compressedAndInternationalTextChunks() throws {
        let ztxt = TestPNGWriter.Chunk(
            type: "zTXt",
            data: Array("workflow".utf8) + [0, 0] + TestPNGWriter.zlibStored(Array(#"{"nodes": []}"#.utf8)))
        let itxt = TestPNGWriter.Chunk(
            type: "iTXt",
            data: Array("Title".utf8) + [0, 0, 0] + Array("fr".utf8) + [0] + Array("Titre".utf8) + [0]
                + Array("crème brûlée".utf8))
        let png = TestPNGWriter.png(
            width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[0]], extraChunks: [ztxt, itxt])
        let texts = try PNGTextReader.read(png)
        #expect(texts == ["workflow": #"{"nodes": []}"#, "Title": "crème brûlée"])
    }

    @Test func headerIsReadWithoutDecoding() throws {
        let png = TestPNGWriter.png(
            width: 3, height: 1, bitDepth: 16, colorType: 2, rows: [[UInt8](repeating: 0, count: 18)])
        let header = try PNGDecoder.header(png, source: "x.png")
        #expect(header.width == 3 && header.height == 1 && header.bitDepth == 16 && header.colorType == .rgb)
    }

    @Test(arguments: ["10_modelfree_noise_output.png", "11_sd15_ksampler_output.png"])
    func comfyUIOutputs(name: String) throws {
        let path = Fixtures.path(name)
        let image = try PNGDecoder.decodeFile(path)
        let bytes = try PNGDecoder.readFile(path)
        let header = try PNGDecoder.header(bytes, source: path)
        #expect(header.bitDepth == 8 && header.colorType == .rgb)
        #expect(image.width == header.width && image.height == header.height)
        #expect(image.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
        let texts = try PNGTextReader.read(bytes, source: path)
        let prompt = try #require(texts["prompt"])
        let json = try JSONSerialization.jsonObject(with: Data(prompt.utf8)) as? [String: Any]
        #expect(json?.values.contains { ($0 as? [String: Any])?["class_type"] as? String == "SaveImage" } == true)
    }
}

/// Where the recorded ComfyUI fixtures live, found from this source file.
enum Fixtures {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/comfyui-0.8.0/\(name)").path
    }
}
