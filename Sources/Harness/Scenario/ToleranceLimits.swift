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
