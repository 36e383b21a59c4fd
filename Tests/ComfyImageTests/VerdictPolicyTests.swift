import Testing

@testable import ComfyImage

/// The verdicts on constructed 1024² pairs, against the anchors' table (noise, patch, shift, other image).
@Suite struct VerdictPolicyTests {
    static let baseline = SyntheticImage.sdLike(seed: 42)
    static let other = SyntheticImage.sdLike(seed: 7)
    static let patchRect = PixelRect(x: 300, y: 420, width: 200, height: 200)

    @Test func identical() throws {
        let copy = RGBAImage(width: 1024, height: 1024, pixels: Self.baseline.pixels)
        let result = VerdictPolicy.verdict(baseline: Self.baseline, actual: copy, tolerance: .identical)
        #expect(result.verdict == .identical)
        let metrics = try #require(result.metrics)
        #expect(metrics.psnr == .infinity && metrics.ssimMean == 1 && metrics.ssimWorstTile == 1)
        #expect(metrics.differingPixels == 0 && metrics.perceptualHashDistance == 0)
    }

    @Test func plusMinusOneNoiseIsEquivalent() throws {
        let noisy = SyntheticImage.withNoise(Self.baseline)
        let result = VerdictPolicy.verdict(baseline: Self.baseline, actual: noisy, tolerance: .equivalent)
        #expect(result.verdict == .equivalent, "\(result.summary)")
        let metrics = try #require(result.metrics)
        #expect(metrics.maxAbsDiff == 1 && metrics.differingPixels == 0 && metrics.changedTileRatio == 0)
        #expect(metrics.psnr > 45 && metrics.psnr < 55)  // ±1 uniform: MSE 2/3 → 49.9 dB
        #expect(metrics.ssimMean > 0.99 && metrics.ssimWorstTile > 0.95)
        #expect(metrics.perceptualHashDistance <= 2)
        // The same drift fails a tolerance that demands identical pixels.
        let strict = VerdictPolicy.verdict(baseline: Self.baseline, actual: noisy, tolerance: .identical)
        #expect(strict.verdict == .regressed && strict.composition == .sameComposition)
    }

    @Test func localPatchIsRegressedSameComposition() throws {
        let patched = SyntheticImage.withPatch(Self.baseline, from: Self.other, rect: Self.patchRect)
        let result = VerdictPolicy.verdict(baseline: Self.baseline, actual: patched, tolerance: .equivalent)
        #expect(result.verdict == .regressed)
        #expect(result.composition == .sameComposition, "\(result.summary)")
        let metrics = try #require(result.metrics)
        // The global gate alone would pass it: that is why the local metrics exist.
        #expect(metrics.ssimMean >= 0.95)
        #expect(metrics.ssimWorstTile < 0.7)
        let worst = try #require(metrics.worstTile)
        #expect(PixelRect(x: 236, y: 356, width: 328, height: 328).contains(worst))
        #expect(metrics.changedTileRatio > 0.01)
        let region = try #require(metrics.changedRegions.first)
        #expect(Self.patchRect.contains(region))
        #expect(region.area > Self.patchRect.area * 8 / 10)
        #expect(result.reasons.contains { $0.contains("worst 64-px tile SSIM") })
        #expect(result.fails(acrossEnvironments: false) && !result.fails(acrossEnvironments: true))
    }

    @Test func shiftedByEightPixelsIsADifferentImage() throws {
        let shifted = SyntheticImage.shifted(Self.baseline, dx: 8, dy: 0)
        let result = VerdictPolicy.verdict(baseline: Self.baseline, actual: shifted, tolerance: .equivalent)
        #expect(result.verdict == .regressed)
        #expect(result.composition == .differentImage, "\(result.summary)")
        let metrics = try #require(result.metrics)
        #expect(metrics.ssimMean < 0.8)
        #expect(metrics.perceptualHashDistance <= 10)  // the hash alone would call it the same picture
    }

    @Test func anotherImageIsADifferentImage() throws {
        let result = VerdictPolicy.verdict(baseline: Self.baseline, actual: Self.other, tolerance: .equivalent)
        #expect(result.verdict == .regressed && result.composition == .differentImage)
        #expect(result.fails(acrossEnvironments: true))
        let metrics = try #require(result.metrics)
        #expect(metrics.perceptualHashDistance > 10, "\(result.summary)")
        #expect(metrics.psnr < 20 && metrics.ssimMean < 0.6)
    }

    @Test func sizeChangeIsLayout() {
        let smaller = SyntheticImage.sdLike(width: 512, height: 1024, seed: 42)
        let result = VerdictPolicy.verdict(baseline: Self.baseline, actual: smaller, tolerance: .equivalent)
        #expect(result.verdict == .layout && result.metrics == nil)
        #expect(result.summary.contains("1024x1024") && result.summary.contains("512x1024"))
    }

    @Test func missingImages() {
        #expect(VerdictPolicy.verdict(baseline: Self.baseline, actual: nil, tolerance: .equivalent).verdict == .missing)
        #expect(VerdictPolicy.verdict(baseline: nil, actual: Self.baseline, tolerance: .equivalent).verdict == .missing)
        #expect(!ImageVerdict.missing.passes && ImageVerdict.equivalent.passes)
    }

    @Test func fromPNGBytes() async throws {
        let image = SyntheticImage.sdLike(width: 256, height: 192, seed: 5)
        let png = try PNGEncoder.encode(
            rgb: image.rgbBytes, width: 256, height: 192, text: [(key: "prompt", value: "{}")])
        let reencoded = try PNGEncoder.encode(image, zlibLevel: 1)  // RGBA: another digest, same pixels
        let digest = try PixelDigest.of(png)
        let viaDigest = try await VerdictPolicy.verdict(
            baselinePNG: png, actualPNG: png, tolerance: .identical, baselineDigest: digest)
        #expect(viaDigest.verdict == .identical)
        let viaDecode = try await VerdictPolicy.verdict(baselinePNG: png, actualPNG: reencoded, tolerance: .identical)
        #expect(viaDecode.verdict == .identical)
        let other = try PNGEncoder.encode(SyntheticImage.sdLike(width: 256, height: 200, seed: 5))
        #expect(
            try await VerdictPolicy.verdict(baselinePNG: png, actualPNG: other, tolerance: .equivalent).verdict
                == .layout)
        #expect(
            try await VerdictPolicy.verdict(baselinePNG: png, actualPNG: nil, tolerance: .equivalent).verdict
                == .missing)
        await #expect(throws: ImageError.self) {
            try await VerdictPolicy.verdict(baselinePNG: png, actualPNG: Array(png.prefix(200)), tolerance: .equivalent)
        }
    }
}
