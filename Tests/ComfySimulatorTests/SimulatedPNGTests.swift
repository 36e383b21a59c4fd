import Testing

@testable import ComfySimulator

@Suite struct SimulatedPNGTests {
    @Test func encodesAValidPNG() throws {
        let rgb = (0..<(7 * 5 * 3)).map { UInt8($0 % 256) }
        let png = SimulatedPNG.encode(rgb: rgb, width: 7, height: 5, text: [(key: "prompt", value: "{\"a\": 1}")])
        let decoded = try PNGCheck.decode(png)
        #expect(decoded.width == 7)
        #expect(decoded.height == 5)
        #expect(decoded.rgb == rgb)
        #expect(decoded.text["prompt"] == "{\"a\": 1}")
        #expect(decoded.chunkOrder == ["IHDR", "tEXt", "IDAT", "IEND"])
    }
}
