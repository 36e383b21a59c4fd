/// What differs between two equal-sized images, globally and locally.
///
/// Colour statistics (`maxAbsDiff` also counts alpha; `meanAbsDiff`, `psnr` over R, G, B) are
/// exact; `differingPixels` uses pixelmatch's YIQ delta; SSIM is on luma (see `SSIMCalculator`).
/// `psnr` is `.infinity` for identical images and is encoded as `null` in JSON.
public struct ImageDiffMetrics: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int
    /// Pixels whose YIQ delta exceeds the threshold (anti-aliasing detection off).
    public var differingPixels: Int
    public var differingRatio: Double
    /// Largest |Δ| of any channel, 0...255.
    public var maxAbsDiff: Int
    public var meanAbsDiff: Double
    public var psnr: Double
    public var ssimMean: Double
    /// The lowest mean SSIM of a 64-px tile, and that tile.
    public var ssimWorstTile: Double
    public var worstTile: PixelRect?
    /// Share of 32-px tiles holding a differing pixel.
    public var changedTileRatio: Double
    /// Bounding boxes of connected differing areas, largest first, at most `CompareOptions.maxRegions`.
    public var changedRegions: [PixelRect]
    /// How many regions there were before the cap.
    public var changedRegionCount: Int
    /// dHash Hamming distance (0...64): ≤ ~10 means the same composition.
    public var perceptualHashDistance: Int

    /// The metrics of two identical images of this size.
    public static func identical(width: Int, height: Int) -> ImageDiffMetrics {
        ImageDiffMetrics(
            width: width, height: height, differingPixels: 0, differingRatio: 0, maxAbsDiff: 0, meanAbsDiff: 0,
            psnr: .infinity, ssimMean: 1, ssimWorstTile: 1, worstTile: nil, changedTileRatio: 0, changedRegions: [],
            changedRegionCount: 0, perceptualHashDistance: 0)
    }

    public var isIdentical: Bool { maxAbsDiff == 0 }

    private enum CodingKeys: String, CodingKey {
        case width, height, differingPixels, differingRatio, maxAbsDiff, meanAbsDiff, psnr, ssimMean, ssimWorstTile
        case worstTile, changedTileRatio, changedRegions, changedRegionCount, perceptualHashDistance
    }

    public init(
        width: Int, height: Int, differingPixels: Int, differingRatio: Double, maxAbsDiff: Int, meanAbsDiff: Double,
        psnr: Double, ssimMean: Double, ssimWorstTile: Double, worstTile: PixelRect?, changedTileRatio: Double,
        changedRegions: [PixelRect], changedRegionCount: Int, perceptualHashDistance: Int
    ) {
        self.width = width
        self.height = height
        self.differingPixels = differingPixels
        self.differingRatio = differingRatio
        self.maxAbsDiff = maxAbsDiff
        self.meanAbsDiff = meanAbsDiff
        self.psnr = psnr
        self.ssimMean = ssimMean
        self.ssimWorstTile = ssimWorstTile
        self.worstTile = worstTile
        self.changedTileRatio = changedTileRatio
        self.changedRegions = changedRegions
        self.changedRegionCount = changedRegionCount
        self.perceptualHashDistance = perceptualHashDistance
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            width: try c.decode(Int.self, forKey: .width), height: try c.decode(Int.self, forKey: .height),
            differingPixels: try c.decode(Int.self, forKey: .differingPixels),
            differingRatio: try c.decode(Double.self, forKey: .differingRatio),
            maxAbsDiff: try c.decode(Int.self, forKey: .maxAbsDiff),
            meanAbsDiff: try c.decode(Double.self, forKey: .meanAbsDiff),
            psnr: try c.decodeIfPresent(Double.self, forKey: .psnr) ?? .infinity,
            ssimMean: try c.decode(Double.self, forKey: .ssimMean),
            ssimWorstTile: try c.decode(Double.self, forKey: .ssimWorstTile),
            worstTile: try c.decodeIfPresent(PixelRect.self, forKey: .worstTile),
            changedTileRatio: try c.decode(Double.self, forKey: .changedTileRatio),
            changedRegions: try c.decode([PixelRect].self, forKey: .changedRegions),
            changedRegionCount: try c.decode(Int.self, forKey: .changedRegionCount),
            perceptualHashDistance: try c.decode(Int.self, forKey: .perceptualHashDistance))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(differingPixels, forKey: .differingPixels)
        try c.encode(differingRatio, forKey: .differingRatio)
        try c.encode(maxAbsDiff, forKey: .maxAbsDiff)
        try c.encode(meanAbsDiff, forKey: .meanAbsDiff)
        // JSON has no infinity: identical images carry `"psnr": null`.
        if psnr.isFinite { try c.encode(psnr, forKey: .psnr) } else { try c.encodeNil(forKey: .psnr) }
        try c.encode(ssimMean, forKey: .ssimMean)
        try c.encode(ssimWorstTile, forKey: .ssimWorstTile)
        try c.encodeIfPresent(worstTile, forKey: .worstTile)
        try c.encode(changedTileRatio, forKey: .changedTileRatio)
        try c.encode(changedRegions, forKey: .changedRegions)
        try c.encode(changedRegionCount, forKey: .changedRegionCount)
        try c.encode(perceptualHashDistance, forKey: .perceptualHashDistance)
    }
}
