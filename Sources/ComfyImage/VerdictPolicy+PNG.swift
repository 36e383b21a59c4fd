extension VerdictPolicy {
    /// The verdict straight from PNG bytes. Sizes come from the headers (LAYOUT without decoding);
    /// when `baselineDigest` (stored with the baseline) equals the actual PNG's digest the result is
    /// IDENTICAL without decoding; otherwise both images are decoded concurrently and compared.
    ///
    /// A digest costs about one decode (inflate dominates), so pass `baselineDigest` where identical
    /// output is expected (same environment), not across environments where pixels always drift.
    /// Unreadable PNGs throw `ImageError` (a corrupt actual image is an error, not a verdict).
    public static func verdict(
        baselinePNG: [UInt8]?, actualPNG: [UInt8]?, tolerance: Tolerance, options: CompareOptions = .default,
        baselineDigest: PixelDigest? = nil, baselineSource: String = "baseline", actualSource: String = "actual",
        limits: PNGLimits = .default
    ) async throws -> ImageVerdictResult {
        guard let actualPNG else { return verdict(baseline: nil, actual: nil, tolerance: tolerance) }
        guard let baselinePNG else {
            return ImageVerdictResult(verdict: .missing, reasons: ["no baseline image to compare with"])
        }
        let baselineHeader = try PNGDecoder.header(baselinePNG, source: baselineSource)
        let actualHeader = try PNGDecoder.header(actualPNG, source: actualSource)
        if baselineHeader.width != actualHeader.width || baselineHeader.height != actualHeader.height {
            return ImageVerdictResult(
                verdict: .layout,
                reasons: [
                    "size \(baselineHeader.width)x\(baselineHeader.height) in the baseline, "
                        + "\(actualHeader.width)x\(actualHeader.height) now"
                ])
        }
        if let baselineDigest, try PixelDigest.of(actualPNG, source: actualSource, limits: limits) == baselineDigest {
            return ImageVerdictResult(
                verdict: .identical, metrics: .identical(width: actualHeader.width, height: actualHeader.height))
        }
        async let baseline = PNGDecoder.decode(baselinePNG, source: baselineSource, limits: limits)
        let actual = try PNGDecoder.decode(actualPNG, source: actualSource, limits: limits)
        return verdict(baseline: try await baseline, actual: actual, tolerance: tolerance, options: options)
    }
}
