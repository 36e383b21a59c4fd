/// Fixed-seed runs whose images are compared to committed baselines.
public struct RegressionSpec: Sendable, Equatable {
    /// Every workflow runs once per seed.
    public var seeds: [Int]
    /// The baseline folder, resolved relative to the scenario file.
    public var baselines: String
    public var tolerance: ToleranceSpec
    /// The server runs with `--cache-none`, so no `POST /free` is needed before fixed-seed prompts.
    public var cacheNone: Bool

    public init(seeds: [Int], baselines: String, tolerance: ToleranceSpec = .equivalent, cacheNone: Bool = false) {
        self.seeds = seeds
        self.baselines = baselines
        self.tolerance = tolerance
        self.cacheNone = cacheNone
    }
}

/// How different an image may be from its baseline and still pass.
public enum ToleranceSpec: Sendable, Equatable {
    /// Every pixel equal.
    case identical
    /// Numerical drift only, with the default limits (`ToleranceLimits.equivalent`).
    case equivalent
    /// Numerical drift within these limits.
    case custom(ToleranceLimits)

    /// The limits to apply, nil for `identical`.
    public var limits: ToleranceLimits? {
        switch self {
        case .identical: return nil
        case .equivalent: return .equivalent
        case .custom(let limits): return limits
        }
    }
}

/// Pixel-diff limits for an `EQUIVALENT` verdict; keys in YAML are the snake_case names.
public struct ToleranceLimits: Sendable, Equatable {
    /// `psnr_min`, decibels.
    public var psnrMin: Double
    /// `ssim_min`, mean SSIM over the image.
    public var ssimMin: Double
    /// `tile_ssim_min`, the worst 64-px tile's SSIM (catches local changes a global mean hides).
    public var tileSSIMMin: Double
    /// `changed_tiles_max`, the fraction of 32-px tiles allowed to change (0.01 = 1%).
    public var changedTilesMax: Double

    public init(
        psnrMin: Double = 40, ssimMin: Double = 0.99, tileSSIMMin: Double = 0.95, changedTilesMax: Double = 0.01
    ) {
        self.psnrMin = psnrMin
        self.ssimMin = ssimMin
        self.tileSSIMMin = tileSSIMMin
        self.changedTilesMax = changedTilesMax
    }

    /// The design's defaults for "numerical drift only".
    public static let equivalent = ToleranceLimits()
}
