extension ComfyEventDecoder {
    /// Decodes a binary frame: a big-endian UInt32 event type, then a type-specific layout (protocol §3.5).
    public static func decode(binary: [UInt8]) throws -> ComfyEvent {
        var reader = BinaryFrameReader(bytes: binary)
        let type = try reader.uint32("event type")
        switch type {
        case 1:
            let format = try reader.uint32("preview image format")
            return .previewImage(format: format, image: reader.rest())
        case 3:
            let length = try reader.uint32("node id length")
            let nodeID = try reader.utf8(count: Int(length), "node id")
            let text = String(decoding: reader.rest(), as: UTF8.self)
            return .progressText(nodeID: nodeID, text: text)
        case 4:
            let length = try reader.uint32("metadata length")
            let metadataBytes = try reader.bytes(count: Int(length), "metadata")
            let metadata = try JSONFields.parse(metadataBytes, context: "binary type 4 metadata")
            guard case .object = metadata else {
                throw ComfyDecodingError(
                    "binary type 4 metadata: expected a JSON object, got \(JSONFields.kind(of: metadata))")
            }
            return .previewImageWithMetadata(metadata: metadata, image: reader.rest())
        default:
            return .unknownBinary(type: type, payload: reader.rest())
        }
    }
}
