import Foundation

/// Compares two equal-sized RGBA images: pixelmatch counts, PSNR, SSIM (mean and worst tile),
/// changed tiles and regions, and the dHash distance.
///
/// Cost is proportional to what differs: identical buffers return after one `==`, equal rows are
/// skipped at memory speed, SSIM only visits windows around changed blocks.
public enum ImageComparator {
    /// Compares `a` (baseline) with `b` (actual). Sizes must match: a size change is LAYOUT, decided
    /// by the caller (`VerdictPolicy` does).
    public static func compare(_ a: RGBAImage, _ b: RGBAImage, options: CompareOptions = .default) -> ImageComparison {
        precondition(a.width == b.width && a.height == b.height, "ImageComparator needs images of the same size")
        let width = a.width, height = a.height
        let equal =
            a.pixels.isEmpty
            || a.pixels.withUnsafeBytes { rawA in
                b.pixels.withUnsafeBytes { rawB in memcmp(rawA.baseAddress!, rawB.baseAddress!, rawA.count) == 0 }
            }
        if equal {
            return ImageComparison(metrics: .identical(width: width, height: height), options: options)
        }
        let metrics = a.pixels.withUnsafeBytes { rawA in
            b.pixels.withUnsafeBytes { rawB in
                measure(
                    rawA.bindMemory(to: UInt32.self), rawB.bindMemory(to: UInt32.self), width: width, height: height,
                    options: options)
            }
        }
        return ImageComparison(metrics: metrics, options: options)
    }

    private static func measure(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, width: Int, height: Int,
        options: CompareOptions
    ) -> ImageDiffMetrics {
        let blockSums = BlockRows(a, b, width: width, height: height)
        let pass = PixelDiffPass(a, b, width: width, height: height, maxDelta: options.maxDelta, blockSums: blockSums)
        let ssim = SSIMCalculator(
            a, b, width: width, height: height, touchedBlocks: pass.touchedBlocks, blockSums: blockSums)
        let regions = ChangedRegionFinder.regions(in: pass.cells)
        let pixelCount = width * height
        let channelSamples = Double(pixelCount * 3)
        let mse = Double(pass.sumSquares) / channelSamples
        var changedTiles = 0
        for index in 0..<pass.changedTiles.count where pass.changedTiles.storage[index] != 0 { changedTiles += 1 }
        let hashDistance = PerceptualHash.distance(
            PerceptualHash.dHash(a, width: width, height: height), PerceptualHash.dHash(b, width: width, height: height)
        )
        return ImageDiffMetrics(
            width: width, height: height, differingPixels: pass.differingPixels,
            differingRatio: Double(pass.differingPixels) / Double(pixelCount), maxAbsDiff: pass.maxAbsDiff,
            meanAbsDiff: Double(pass.sumAbs) / channelSamples,
            psnr: mse == 0 ? .infinity : 10 * log10((255.0 * 255.0) / mse),
            ssimMean: ssim.mean, ssimWorstTile: ssim.worstTile,
            worstTile: ssim.worstTile < 1 ? ssim.worstTileRect : nil,
            changedTileRatio: Double(changedTiles) / Double(max(1, pass.changedTiles.count)),
            changedRegions: regions.prefix(max(0, options.maxRegions)).map(\.rect), changedRegionCount: regions.count,
            perceptualHashDistance: hashDistance)
    }
}
