import Foundation

/// Turns a baseline/actual pair into IDENTICAL, EQUIVALENT, REGRESSED, LAYOUT or MISSING.
///
/// Global metrics alone miss a local change (a 200×200 patch keeps mean SSIM near 0.98), so
/// EQUIVALENT also demands a good worst tile and few changed tiles. For REGRESSED, the dHash distance
/// and the mean SSIM tell a local change ("same composition") from another picture ("different image").
public enum VerdictPolicy {
    public static func verdict(
        baseline: RGBAImage?, actual: RGBAImage?, tolerance: Tolerance, options: CompareOptions = .default
    ) -> ImageVerdictResult {
        guard let actual else {
            return ImageVerdictResult(verdict: .missing, reasons: ["no actual image was produced"])
        }
        guard let baseline else {
            return ImageVerdictResult(verdict: .missing, reasons: ["no baseline image to compare with"])
        }
        guard baseline.width == actual.width, baseline.height == actual.height else {
            return ImageVerdictResult(
                verdict: .layout,
                reasons: [
                    "size \(baseline.width)x\(baseline.height) in the baseline, \(actual.width)x\(actual.height) now"
                ])
        }
        return verdict(
            metrics: ImageComparator.compare(baseline, actual, options: options).metrics, tolerance: tolerance)
    }

    /// The verdict for already measured metrics of a same-sized pair.
    public static func verdict(metrics: ImageDiffMetrics, tolerance: Tolerance) -> ImageVerdictResult {
        if metrics.isIdentical {
            return ImageVerdictResult(verdict: .identical, metrics: metrics)
        }
        let failures = failedLimits(metrics, tolerance)
        guard !failures.isEmpty else {
            return ImageVerdictResult(
                verdict: .equivalent, metrics: metrics,
                reasons: [
                    "drift within tolerance: max |Δ| \(metrics.maxAbsDiff), PSNR \(decibels(metrics.psnr)), "
                        + "mean SSIM \(fixed(metrics.ssimMean, 4)), worst tile SSIM \(fixed(metrics.ssimWorstTile, 4))"
                ])
        }
        var reasons = failures
        let composition: Composition
        if metrics.perceptualHashDistance > tolerance.hashDistanceSameComposition {
            composition = .differentImage
            reasons.append(
                "dHash distance \(metrics.perceptualHashDistance) > \(tolerance.hashDistanceSameComposition)")
        } else if metrics.ssimMean < tolerance.compositionSSIMMin {
            composition = .differentImage
            reasons.append(
                "mean SSIM \(fixed(metrics.ssimMean, 3)) < \(fixed(tolerance.compositionSSIMMin, 2)): "
                    + "the content moved or was replaced everywhere")
        } else {
            composition = .sameComposition
            if let largest = metrics.changedRegions.first {
                reasons.append("largest changed region \(largest)")
            }
        }
        return ImageVerdictResult(verdict: .regressed, composition: composition, metrics: metrics, reasons: reasons)
    }

    /// Each limit the metrics break, in words.
    static func failedLimits(_ m: ImageDiffMetrics, _ t: Tolerance) -> [String] {
        if t.exact {
            return [
                "pixels differ and the tolerance is identical (max |Δ| \(m.maxAbsDiff), "
                    + "\(m.differingPixels) pixels over the pixelmatch threshold)"
            ]
        }
        var failures: [String] = []
        if m.psnr < t.psnrMin { failures.append("PSNR \(decibels(m.psnr)) < \(decibels(t.psnrMin))") }
        if m.ssimMean < t.ssimMin { failures.append("mean SSIM \(fixed(m.ssimMean, 4)) < \(t.ssimMin)") }
        if m.ssimWorstTile < t.worstTileSSIMMin {
            let place = m.worstTile.map { " (tile \($0))" } ?? ""
            failures.append("worst 64-px tile SSIM \(fixed(m.ssimWorstTile, 3)) < \(t.worstTileSSIMMin)\(place)")
        }
        if m.changedTileRatio > t.changedTileRatioMax {
            failures.append(
                "\(fixed(m.changedTileRatio * 100, 2))% of 32-px tiles changed > \(fixed(t.changedTileRatioMax * 100, 2))%"
            )
        }
        return failures
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func decibels(_ value: Double) -> String { value.isFinite ? String(format: "%.1f dB", value) : "∞ dB" }
}
