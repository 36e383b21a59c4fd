import ComfyImage
import Testing

@testable import ComfySimulator

/// The simulator's PNG facts: LoadImage's size check, and SaveImage's files shaped like ComfyUI's.
@Suite struct SimulatedPNGTests {
    @Test func readsTheSizeAndRefusesACutFile() throws {
        let png = try PNGEncoder.encode(rgb: [UInt8](repeating: 3, count: 7 * 5 * 3), width: 7, height: 5)
        #expect(SimulatedPNG.dimensions(of: png)?.width == 7)
        #expect(SimulatedPNG.dimensions(of: png)?.height == 5)
        #expect(SimulatedPNG.dimensions(of: Array(png.prefix(png.count - 4))) == nil)
        #expect(SimulatedPNG.dimensions(of: Array(png.dropFirst())) == nil)
    }

    @Test func saveImageFilesAreCompressedRGBWithTextBeforeTheData() async throws {
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.modelFree(), clientID: "c", promptID: "p")
            await ws.waitForCompletion(of: "p")
            let bytes = try await sim.http.get("/view?filename=fixture_noise_00001_.png").body
            let png = try PNGCheck.decode(bytes)
            #expect(png.chunkOrder.first == "IHDR")
            #expect(png.chunkOrder.firstIndex(of: "tEXt")! < png.chunkOrder.firstIndex(of: "IDAT")!)
            #expect(png.text["prompt"] != nil)
            // zlib level 4 as SaveImage: FLEVEL 1 (levels 2-5) in the zlib header, first block not stored.
            let idat = try #require(bytes.indices.dropLast(4).first { Array(bytes[$0..<($0 + 4)]) == Array("IDAT".utf8) })
            #expect(bytes[idat + 5] >> 6 == 1)
            #expect((bytes[idat + 6] >> 1) & 3 != 0)
            #expect(png.width == 128 && png.rgb.count == 128 * 96 * 3)
        }
    }
}
