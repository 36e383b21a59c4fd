/// A simulated GPU: the name and VRAM `/system_stats` reports and the per-node timings the worker sleeps.
public struct GPUProfile: Sendable, Equatable {
    /// Marketing name, as CUDA reports it ("NVIDIA GeForce RTX 4090").
    public var name: String
    public var vramTotalBytes: Int64
    /// VRAM the CUDA context and allocator take before any model is loaded.
    public var vramBaselineBytes: Int64
    /// VRAM one loaded checkpoint holds.
    public var modelBytes: Int64
    /// VRAM the sampler needs per 1024² latent pixels and image of the batch while it runs.
    public var activationBytesPerMegapixel: Int64
    /// Seconds to load a checkpoint on first use and after `/free` (cold start).
    public var modelLoadSeconds: Double
    /// Seconds a loader node takes when its model is already in VRAM.
    public var warmLoadSeconds: Double
    public var clipEncodeSeconds: Double
    /// KSampler seconds per step for one 1024×1024 image; scales with latent pixels and batch size.
    public var stepSecondsPerMegapixel: Double
    /// When set, every sampler step takes exactly this many seconds (× timeScale), whatever the size.
    public var fixedStepSeconds: Double?
    /// VAE decode seconds for one 1024×1024 image; scales with pixels and batch size.
    public var vaeDecodeSecondsPerMegapixel: Double
    public var saveImageSeconds: Double
    /// Seconds of any other node (empty latent, image ops).
    public var otherNodeSeconds: Double

    public init(
        name: String, vramTotalBytes: Int64, vramBaselineBytes: Int64, modelBytes: Int64,
        activationBytesPerMegapixel: Int64, modelLoadSeconds: Double, warmLoadSeconds: Double,
        clipEncodeSeconds: Double, stepSecondsPerMegapixel: Double, fixedStepSeconds: Double? = nil,
        vaeDecodeSecondsPerMegapixel: Double, saveImageSeconds: Double, otherNodeSeconds: Double
    ) {
        self.name = name
        self.vramTotalBytes = vramTotalBytes
        self.vramBaselineBytes = vramBaselineBytes
        self.modelBytes = modelBytes
        self.activationBytesPerMegapixel = activationBytesPerMegapixel
        self.modelLoadSeconds = modelLoadSeconds
        self.warmLoadSeconds = warmLoadSeconds
        self.clipEncodeSeconds = clipEncodeSeconds
        self.stepSecondsPerMegapixel = stepSecondsPerMegapixel
        self.fixedStepSeconds = fixedStepSeconds
        self.vaeDecodeSecondsPerMegapixel = vaeDecodeSecondsPerMegapixel
        self.saveImageSeconds = saveImageSeconds
        self.otherNodeSeconds = otherNodeSeconds
    }

    private static let gib: Int64 = 1 << 30

    /// RTX 4090 (24 GiB): SDXL-class step ≈ 0.12 s at 1024².
    public static let rtx4090 = GPUProfile(
        name: "NVIDIA GeForce RTX 4090", vramTotalBytes: 24 * gib, vramBaselineBytes: gib / 2,
        modelBytes: 5 * gib, activationBytesPerMegapixel: 3 * gib / 2, modelLoadSeconds: 3.0,
        warmLoadSeconds: 0.05, clipEncodeSeconds: 0.04, stepSecondsPerMegapixel: 0.12,
        vaeDecodeSecondsPerMegapixel: 0.25, saveImageSeconds: 0.08, otherNodeSeconds: 0.002)

    /// H100 80GB HBM3: faster steps, more VRAM.
    public static let h100 = GPUProfile(
        name: "NVIDIA H100 80GB HBM3", vramTotalBytes: 80 * gib, vramBaselineBytes: gib / 2,
        modelBytes: 5 * gib, activationBytesPerMegapixel: 3 * gib / 2, modelLoadSeconds: 2.0,
        warmLoadSeconds: 0.03, clipEncodeSeconds: 0.03, stepSecondsPerMegapixel: 0.07,
        vaeDecodeSecondsPerMegapixel: 0.15, saveImageSeconds: 0.08, otherNodeSeconds: 0.002)

    /// RTX 3060 (12 GiB): the slow box of a comparison.
    public static let rtx3060 = GPUProfile(
        name: "NVIDIA GeForce RTX 3060", vramTotalBytes: 12 * gib, vramBaselineBytes: gib / 2,
        modelBytes: 5 * gib, activationBytesPerMegapixel: 3 * gib / 2, modelLoadSeconds: 6.0,
        warmLoadSeconds: 0.1, clipEncodeSeconds: 0.1, stepSecondsPerMegapixel: 0.45,
        vaeDecodeSecondsPerMegapixel: 0.8, saveImageSeconds: 0.1, otherNodeSeconds: 0.003)

    /// Returns a copy whose sampler steps take exactly `seconds` (before timeScale).
    public func withFixedStep(seconds: Double) -> GPUProfile {
        var copy = self
        copy.fixedStepSeconds = seconds
        return copy
    }

    /// Seconds per sampler step for a latent of `width`×`height` pixels and `batch` images.
    public func stepSeconds(width: Int, height: Int, batch: Int) -> Double {
        if let fixedStepSeconds { return fixedStepSeconds }
        return stepSecondsPerMegapixel * Self.megapixels(width, height) * Double(max(batch, 1))
    }

    public func vaeDecodeSeconds(width: Int, height: Int, batch: Int) -> Double {
        vaeDecodeSecondsPerMegapixel * Self.megapixels(width, height) * Double(max(batch, 1))
    }

    static func megapixels(_ width: Int, _ height: Int) -> Double {
        Double(max(width, 0)) * Double(max(height, 0)) / (1024.0 * 1024.0)
    }
}
