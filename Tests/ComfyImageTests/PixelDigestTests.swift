import CShims
import Testing

@testable import ComfyImage

/// The pixel digest sees pixels only: text chunks, zlib level and filters do not change it.
@Suite struct PixelDigestTests {
    @Test func xxh64MatchesReferenceVectors() {
        // Published XXH64 values: "" seed 0, "a" seed 0, "abc" seed 0, and a 40-byte input (the 32-byte stripe path).
        #expect(chs_xxh64("", 0, 0) == 0xEF46_DB37_51D8_E999)
        #expect(chs_xxh64("a", 1, 0) == 0xD24E_C4F1_A98C_6E5B)
        #expect(chs_xxh64("abc", 3, 0) == 0x44BC_2CF5_AD77_0999)
    }

    @Test func samePixelsDifferentMetadataAndCompression() throws {
        let image = PNGEncoderTests.pattern(width: 50, height: 40)
        let plain = try PNGEncoder.encode(image, zlibLevel: 1)
        let withText = try PNGEncoder.encode(image, text: [(key: "prompt", value: "{\"seed\": 42}")], zlibLevel: 9)
        #expect(plain != withText)
        #expect(try PixelDigest.of(plain) == PixelDigest.of(withText))
    }

    @Test func onePixelChanged() throws {
        var image = PNGEncoderTests.pattern(width: 50, height: 40)
        let before = try PixelDigest.of(PNGEncoder.encode(image))
        image.pixels[(20 * 50 + 33) * 4 + 1] ^= 1
        let after = try PixelDigest.of(PNGEncoder.encode(image))
        #expect(before != after)
    }

    @Test func hexRoundTrip() throws {
        let digest = try PixelDigest.of(PNGEncoder.encode(PNGEncoderTests.pattern(width: 8, height: 8)))
        #expect(digest.description.count == 32)
        #expect(PixelDigest(hex: digest.description) == digest)
        #expect(PixelDigest(hex: "xyz") == nil)
    }

    @Test func fixturesDigest() throws {
        let bytes = try PNGDecoder.readFile(Fixtures.path("11_sd15_ksampler_output.png"))
        let image = try PNGDecoder.decode(bytes)
        let reencoded = try PNGEncoder.encode(
            rgb: image.rgbBytes, width: image.width, height: image.height, zlibLevel: 1)
        #expect(try PixelDigest.of(bytes) == PixelDigest.of(reencoded))
    }
}
