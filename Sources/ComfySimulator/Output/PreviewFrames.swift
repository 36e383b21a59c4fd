import ComfyImage

/// Sampler preview frames (protocol §3.5), sent when a prompt asks for previews with
/// `extra_data.preview_method` (`auto`, `latent2rgb`, `taesd`); ComfyUI's default is none.
enum PreviewFrames {
    static let enablingMethods: Set<String> = ["auto", "latent2rgb", "taesd"]

    static func enabled(for extraData: SimJSON) -> Bool {
        extraData["preview_method"]?.stringValue.map(enablingMethods.contains) ?? false
    }

    /// A latent-resolution PNG of step `step`: `(type-1 frame, type-4 frame)`.
    static func frames(
        latent: ImageSpec, step: Int, nodeID: String, promptID: String, renderer: OutputImageRenderer
    ) -> (legacy: [UInt8], withMetadata: [UInt8]) {
        // latent2rgb previews have the latent's size (1/8 of the image), capped at --preview-size 512.
        let width = min(max(latent.width / 8, 1), 512)
        let height = min(max(latent.height / 8, 1), 512)
        var spec = latent
        spec.width = width
        spec.height = height
        spec.patternSeed = StableHash.mix((latent.patternSeed ?? 0) ^ UInt64(step))
        let png =
            (try? PNGEncoder.encode(rgb: renderer.render(spec, index: 0), width: width, height: height, zlibLevel: 4)) ?? []
        let legacy = be32(1) + be32(2) + png  // PREVIEW_IMAGE, format 2 = PNG
        let metadata = SimJSON.obj([
            "node_id": .string(nodeID), "prompt_id": .string(promptID), "display_node_id": .string(nodeID),
            "parent_node_id": .null, "real_node_id": .string(nodeID), "image_type": "image/png",
        ]).serializedBytes()
        let withMetadata = be32(4) + be32(UInt32(metadata.count)) + metadata + png
        return (legacy, withMetadata)
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
