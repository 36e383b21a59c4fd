/// What flows along a simulated link: enough to time the next node and render the final pixels.
enum SimValue: Sendable {
    case model(String)
    case token(UInt64)
    case latent(ImageSpec)
    case image(ImageSpec)
    case none
}

/// A deterministic description of an image batch; `OutputImageRenderer` turns it into pixels.
struct ImageSpec: Sendable, Equatable {
    var width: Int
    var height: Int
    var count: Int
    /// Seeds the smooth base pattern (sampler output); nil for a solid `color`.
    var patternSeed: UInt64?
    var color: UInt32
    /// Seeded noise added on top (ImageAddNoise): seed and strength 0…1.
    var noise: [(seed: UInt64, strength: Double)] = []
    var inverted = false

    static func == (a: ImageSpec, b: ImageSpec) -> Bool {
        a.width == b.width && a.height == b.height && a.count == b.count && a.patternSeed == b.patternSeed
            && a.color == b.color && a.inverted == b.inverted && a.noise.map(\.seed) == b.noise.map(\.seed)
            && a.noise.map(\.strength) == b.noise.map(\.strength)
    }
}

/// The simulated work of one node class: its cost, its sampler steps, its outputs.
struct NodeBehavior {
    let node: PromptGraph.Node
    /// Output values of upstream nodes by id.
    let upstream: [String: [SimValue]]

    func input(_ name: String) -> SimValue {
        guard let link = node.links.first(where: { $0.input == name }), let values = upstream[link.source],
            link.slot < values.count
        else { return .none }
        return values[link.slot]
    }

    func int(_ name: String, _ fallback: Int) -> Int {
        node.constant(name)?.intValue.map { Int(clamping: $0) } ?? fallback
    }

    func double(_ name: String, _ fallback: Double) -> Double { node.constant(name)?.doubleValue ?? fallback }

    /// Seeds may exceed Int64; hash their text so every value maps to a distinct pattern.
    func seed(_ name: String) -> UInt64 {
        guard let value = node.constant(name) else { return 0 }
        return StableHash.hash(value.serialized())
    }

    var isSampler: Bool { node.classType == "KSampler" || node.classType == "KSamplerAdvanced" }
    var isLoader: Bool { node.classType == "CheckpointLoaderSimple" || node.classType == "DiffusersLoader" }

    /// Model name a loader loads.
    var modelName: String {
        node.constant("ckpt_name")?.stringValue ?? node.constant("model_path")?.stringValue ?? node.classType
    }

    /// Sampler steps this node reports progress for.
    var samplerSteps: Int {
        let steps = max(int("steps", 20), 1)
        guard node.classType == "KSamplerAdvanced" else { return steps }
        let end = min(int("end_at_step", 10_000), steps)
        return max(end - int("start_at_step", 0), 1)
    }

    /// The latent the sampler works on.
    var latentSpec: ImageSpec {
        if case .latent(let spec) = input("latent_image") { return spec }
        return ImageSpec(width: 512, height: 512, count: 1, patternSeed: 0, color: 0)
    }

    /// The node's output values.
    func outputs(loadedImage: ImageSpec?) -> [SimValue] {
        switch node.classType {
        case "CheckpointLoaderSimple", "DiffusersLoader":
            let h = StableHash.hash(modelName)
            return [.model(modelName), .token(h ^ 1), .token(h ^ 2)]
        case "CLIPTextEncode":
            return [.token(StableHash.hash(node.constant("text")?.serialized() ?? ""))]
        case "EmptyLatentImage":
            return [
                .latent(
                    ImageSpec(
                        width: int("width", 512), height: int("height", 512),
                        count: max(int("batch_size", 1), 1), patternSeed: 0, color: 0))
            ]
        case "KSampler", "KSamplerAdvanced":
            var spec = latentSpec
            let seedName = node.classType == "KSampler" ? "seed" : "noise_seed"
            // Pixels depend on the seed and the sampling settings, and on the prompt text through conditioning.
            var mix = seed(seedName)
            for name in ["steps", "cfg", "sampler_name", "scheduler", "denoise"] {
                mix = StableHash.mix(mix ^ StableHash.hash(node.constant(name)?.serialized() ?? ""))
            }
            for name in ["positive", "negative"] {
                if case .token(let t) = input(name) { mix = StableHash.mix(mix ^ t) }
            }
            spec.patternSeed = mix
            return [.latent(spec)]
        case "VAEDecode":
            if case .latent(let spec) = input("samples") { return [.image(spec)] }
            return [.none]
        case "EmptyImage":
            let color = UInt32(truncatingIfNeeded: int("color", 0))
            return [
                .image(
                    ImageSpec(
                        width: int("width", 512), height: int("height", 512),
                        count: max(int("batch_size", 1), 1), patternSeed: nil, color: color))
            ]
        case "ImageAddNoise":
            guard case .image(var spec) = input("image") else { return [.none] }
            spec.noise.append((seed: seed("seed"), strength: double("strength", 0.5)))
            return [.image(spec)]
        case "ImageInvert":
            guard case .image(var spec) = input("image") else { return [.none] }
            spec.inverted.toggle()
            return [.image(spec)]
        case "LoadImage":
            return loadedImage.map { [.image($0), .none] } ?? [.none, .none]
        default:
            return [.none]
        }
    }

    /// Work seconds before timeScale, excluding sampler steps (those are slept one by one).
    func baseSeconds(profile: GPUProfile, modelLoaded: Bool) -> Double {
        switch node.classType {
        case "CheckpointLoaderSimple", "DiffusersLoader":
            return modelLoaded ? profile.warmLoadSeconds : profile.modelLoadSeconds
        case "CLIPTextEncode": return profile.clipEncodeSeconds
        case "VAEDecode":
            guard case .latent(let spec) = input("samples") else { return profile.otherNodeSeconds }
            return profile.vaeDecodeSeconds(width: spec.width, height: spec.height, batch: spec.count)
        case "SaveImage": return profile.saveImageSeconds
        case "PreviewImage": return profile.saveImageSeconds / 2
        case "KSampler", "KSamplerAdvanced": return 0
        default: return profile.otherNodeSeconds
        }
    }

    /// The images an output node saves.
    var imagesToSave: ImageSpec? {
        if case .image(let spec) = input("images") { return spec }
        return nil
    }
}
