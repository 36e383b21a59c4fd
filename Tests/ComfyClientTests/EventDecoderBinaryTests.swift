import Testing

@testable import ComfyClient

/// Binary `/ws` frames: hand-built types 1, 3, 4 and unknown, plus truncated and garbage ones.
@Suite struct EventDecoderBinaryTests {
    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]

    @Test func previewImageType1() throws {
        let event = try ComfyEventDecoder.decode(binary: Self.be32(1) + Self.be32(2) + Self.png)
        #expect(event == .previewImage(format: 2, image: Self.png))
        #expect(event.promptID == nil)
    }

    @Test func progressTextType3() throws {
        let node = Array("12".utf8)
        let event = try ComfyEventDecoder.decode(
            binary: Self.be32(3) + Self.be32(UInt32(node.count)) + node + Array("512x512 ✓".utf8))
        #expect(event == .progressText(nodeID: "12", text: "512x512 ✓"))
    }

    @Test func previewWithMetadataType4() throws {
        let metadata = Array(
            #"{"node_id": "3", "prompt_id": "p-1", "display_node_id": "3", "image_type": "image/png"}"#.utf8)
        let frame = Self.be32(4) + Self.be32(UInt32(metadata.count)) + metadata + Self.png
        let event = try ComfyEventDecoder.decode(binary: frame)
        guard case .previewImageWithMetadata(let decoded, let image) = event else {
            Issue.record("decoded \(event)")
            return
        }
        #expect(image == Self.png && decoded["image_type"] == .string("image/png"))
        #expect(event.promptID == "p-1")
    }

    @Test func unknownTypeKeepsThePayload() throws {
        #expect(
            try ComfyEventDecoder.decode(binary: Self.be32(9) + [7, 8]) == .unknownBinary(type: 9, payload: [7, 8]))
        #expect(try ComfyEventDecoder.decode(binary: Self.be32(2)) == .unknownBinary(type: 2, payload: []))
    }

    @Test(
        arguments: [
            ([], "event type needs 4 bytes"),
            ([0, 0, 1], "event type needs 4 bytes"),
            (be32(1) + [0, 0], "preview image format needs 4 bytes"),
            (be32(3) + be32(10) + Array("abc".utf8), "node id needs 10 bytes at offset 8"),
            (be32(3) + be32(0xFFFF_FFFF), "node id needs 4294967295 bytes"),
            (be32(3) + be32(2) + [0xFF, 0xFE], "node id is not valid UTF-8"),
            (be32(4) + be32(100) + [1, 2, 3], "metadata needs 100 bytes"),
            (be32(4) + be32(3) + Array("{{{".utf8), "metadata: not valid JSON"),
            (be32(4) + be32(2) + Array("[]".utf8), "expected a JSON object"),
        ] as [([UInt8], String)])
    func malformedFramesThrow(frame: [UInt8], expected: String) {
        do {
            let event = try ComfyEventDecoder.decode(binary: frame)
            Issue.record("decoded \(event)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<24, using: &generator)
            var frame = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if frame.count >= 4 {
                frame[3] = [1, 3, 4, 7].randomElement(using: &generator)!; frame[0] = 0; frame[1] = 0; frame[2] = 0
            }
            _ = try? ComfyEventDecoder.decode(binary: frame)
        }
    }
}
