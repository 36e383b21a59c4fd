/// How far an image may drift from its baseline and still be EQUIVALENT.
///
/// Decodes from `"identical"`, `"equivalent"`, or an object whose keys may be snake_case (as in
/// scenario YAML: `{psnr_min: 40, ssim_min: 0.99}`) or camelCase; missing keys keep the
/// `.equivalent` values.
public struct Tolerance: Sendable, Codable, Equatable {
    /// Only IDENTICAL passes: any pixel difference is REGRESSED.
    public var exact: Bool
    public var psnrMin: Double
    public var ssimMin: Double
    public var worstTileSSIMMin: Double
    public var changedTileRatioMax: Double
    /// dHash distances up to this are the same composition; above, a different image.
    public var hashDistanceSameComposition: Int
    /// Below this mean SSIM a REGRESSED image is a different image even when the hash agrees: an
    /// 8-px shift keeps the coarse layout (dHash distance ~1) but misplaces every pixel (SSIM ~0.66).
    public var compositionSSIMMin: Double

    public init(
        exact: Bool = false, psnrMin: Double = 40, ssimMin: Double = 0.99, worstTileSSIMMin: Double = 0.95,
        changedTileRatioMax: Double = 0.01, hashDistanceSameComposition: Int = 10, compositionSSIMMin: Double = 0.8
    ) {
        self.exact = exact
        self.psnrMin = psnrMin
        self.ssimMin = ssimMin
        self.worstTileSSIMMin = worstTileSSIMMin
        self.changedTileRatioMax = changedTileRatioMax
        self.hashDistanceSameComposition = hashDistanceSameComposition
        self.compositionSSIMMin = compositionSSIMMin
    }

    /// Every pixel must be equal (same GPU, same driver, deterministic run).
    public static let identical = Tolerance(exact: true)
    /// Numerical drift allowed: PSNR ≥ 40 dB, mean SSIM ≥ 0.99, worst 64-px tile ≥ 0.95, ≤ 1% of 32-px tiles changed.
    public static let equivalent = Tolerance()

    /// A tolerance with the given limits, `.equivalent`'s for the rest.
    public static func custom(
        psnrMin: Double = 40, ssimMin: Double = 0.99, worstTileSSIMMin: Double = 0.95,
        changedTileRatioMax: Double = 0.01, hashDistanceSameComposition: Int = 10
    ) -> Tolerance {
        Tolerance(
            psnrMin: psnrMin, ssimMin: ssimMin, worstTileSSIMMin: worstTileSSIMMin,
            changedTileRatioMax: changedTileRatioMax, hashDistanceSameComposition: hashDistanceSameComposition)
    }

    /// The preset called `name` (`identical`, `equivalent`), or nil.
    public static func named(_ name: String) -> Tolerance? {
        switch name.lowercased() {
        case "identical", "exact": .identical
        case "equivalent", "default": .equivalent
        default: nil
        }
    }
}
