import Foundation
import Testing

@testable import ComfyImage

/// Inputs libFuzzer found (`make fuzz-one TARGET=png`), kept in Tests/Fixtures/fuzz-regressions/png
/// and decoded here through the normal API: each gives a clean `ImageError`, and the decoder and the
/// pixel digest agree on every one of them.
@Suite struct PNGFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/fuzz-regressions/png").standardizedFileURL

    static func input(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test func everyReproducerIsPresent() {
        #expect(Self.all.count >= 3, "fuzz reproducers missing from \(Self.directory.path)")
    }

    /// What the fuzz target checks: the digest refuses exactly what the decoder refuses.
    @Test(arguments: all)
    func decoderAndDigestAgree(name: String) throws {
        let bytes = try Self.input(name)
        let decoded = Result { try PNGDecoder.decode(bytes, source: name) }
        let digest = Result { try PixelDigest.of(bytes, source: name) }
        switch (decoded, digest) {
        case (.success, .success), (.failure, .failure): break
        default: Issue.record("decoder \(decoded), digest \(digest)")
        }
        if case .failure(let error) = decoded { #expect(error is ImageError) }
        do { _ = try PNGTextReader.read(bytes, source: name) } catch { #expect(error is ImageError) }
    }

    /// IEND's CRC was wrong: libpng's simplified reader stops after the rows and never checked it,
    /// while the digest's classic reader did, so the same file decoded fine but had no digest.
    @Test func badIENDChecksumIsRefusedByBoth() throws {
        let name = "iend-crc-decoder-accepts-digest-refuses.png"
        let bytes = try Self.input(name)
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes, source: name) }
        #expect(error?.source == name)
        #expect(error?.message.contains("CRC error in the IEND chunk") == true, "\(String(describing: error))")
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes, source: name) }
    }

    /// A zero-length chunk of type 00 00 00 00 between IDAT and IEND: the decoder stopped after the
    /// rows and never saw it, the digest read on to IEND and failed. Chunk types must be letters.
    @Test func invalidChunkTypeAfterImageDataIsRefusedByBoth() throws {
        let name = "zero-chunk-type-after-idat.png"
        let bytes = try Self.input(name)
        let error = #expect(throws: ImageError.self) { try PNGDecoder.decode(bytes, source: name) }
        #expect(error?.message == "corrupt PNG: invalid chunk type 0x00000000 at byte 85", "\(String(describing: error))")
        #expect(throws: ImageError.self) { try PixelDigest.of(bytes, source: name) }
    }

    /// An iTXt chunk claiming 1.29 GB in a 300-byte file (the chunks before it intact, CRCs repaired as the
    /// fuzz target does): libpng allocated the declared length before
    /// reading (it only warns above its limit). The layout check refuses it before libpng sees it.
    @Test func textChunkLongerThanTheFileIsRefusedBeforeLibpng() throws {
        let name = "itxt-length-1gib-allocates-before-reading.png"
        let bytes = try Self.input(name)
        #expect(bytes.count < 1000)
        let error = #expect(throws: ImageError.self) { try PNGTextReader.read(bytes, source: name) }
        #expect(error?.source == name)
        // Our own message, not libpng's: the file was refused before libpng read (and allocated) anything.
        #expect(error?.message.hasPrefix("truncated PNG: \(bytes.count) bytes") == true, "\(String(describing: error))")
    }
}
