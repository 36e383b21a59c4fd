import ComfyImage
import Foundation

/// Compares one actual PNG with its baseline PNG and writes the diff pictures (faded baseline with
/// changed pixels marked, |Δ| heat map; PNG at zlib level 1) when they are not IDENTICAL.
struct RegressionImageJudge: Sendable {
    let tolerance: Tolerance
    let acrossEnvironments: Bool
    /// The report folder: every path in the result is relative to it.
    let reportDirectory: String

    /// The verdict for `actualPath` against `baselinePath`; the baseline is copied into the report.
    func judge(
        index: Int, baselinePath: String, baselineDigest: String?, actualPath: String, relative: RelativePaths
    ) async -> RegressionSummary.ImageResult {
        var result = RegressionSummary.ImageResult(
            index: index, verdict: .missing, reasons: [], fails: true, actual: relative.actual)
        guard let baselineBytes = FileManager.default.contents(atPath: baselinePath).map(Array.init) else {
            result.reasons = ["baseline image \(baselinePath) is listed in the manifest but cannot be read — restore it or record the baselines again"]
            return result
        }
        if copy(baselineBytes, to: relative.baseline) { result.baseline = relative.baseline }
        guard let actualBytes = FileManager.default.contents(atPath: actualPath).map(Array.init) else {
            result.reasons = ["the downloaded image \(actualPath) cannot be read"]
            return result
        }
        do {
            // Within one environment identical output is expected: the digest settles it without decoding.
            // The baseline's own digest is checked too, so a corrupt or hand-replaced baseline file is
            // caught even when the actual image matches the manifest.
            if !acrossEnvironments, let digest = baselineDigest.flatMap(PixelDigest.init(hex:)) {
                async let recorded = PixelDigest.of(baselineBytes, source: baselinePath)
                let actualDigest = try PixelDigest.of(actualBytes, source: actualPath)
                guard try await recorded == digest else {
                    result.reasons = [
                        "baseline image \(baselinePath) does not match its manifest digest (corrupt or replaced) — "
                            + "restore it from version control or record the baselines again"
                    ]
                    return result
                }
                if actualDigest == digest {
                    let header = try PNGDecoder.header(actualBytes, source: actualPath)
                    return apply(
                        .init(verdict: .identical, metrics: .identical(width: header.width, height: header.height)), to: result)
                }
            }
            async let baselineImage = PNGDecoder.decode(baselineBytes, source: baselinePath)
            let actual = try PNGDecoder.decode(actualBytes, source: actualPath)
            let baseline = try await baselineImage
            let verdict = VerdictPolicy.verdict(baseline: baseline, actual: actual, tolerance: tolerance)
            result = apply(verdict, to: result)
            if verdict.verdict != .identical {
                let diff = DiffPictureRenderer.render(baseline: baseline, actual: actual, metrics: verdict.metrics)
                if write(diff, to: relative.diff) { result.diff = relative.diff }
                if baseline.width == actual.width && baseline.height == actual.height {
                    let heat = DiffPictureRenderer.heatMap(baseline: baseline, actual: actual)
                    if write(heat, to: relative.heatMap) { result.heatMap = relative.heatMap }
                }
            }
            return result
        } catch {
            result.reasons = ["cannot compare: \(error) — if the baseline is corrupt, restore it or record the baselines again"]
            return result
        }
    }

    private func apply(_ verdict: ImageVerdictResult, to result: RegressionSummary.ImageResult) -> RegressionSummary.ImageResult {
        var result = result
        result.verdict = verdict.verdict
        result.composition = verdict.composition
        result.reasons = verdict.reasons
        result.metrics = verdict.metrics
        result.fails = verdict.fails(acrossEnvironments: acrossEnvironments)
        if acrossEnvironments && verdict.verdict == .regressed && !result.fails {
            result.reasons.append("baselines come from another environment: drift with the same composition is reported, not failed")
        }
        return result
    }

    private func copy(_ bytes: [UInt8], to relative: String) -> Bool {
        let target = reportDirectory + "/" + relative
        do {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
            return true
        } catch {
            return false
        }
    }

    private func write(_ image: RGBAImage, to relative: String) -> Bool {
        guard let png = try? PNGEncoder.encode(image, zlibLevel: 1) else { return false }
        return copy(png, to: relative)
    }
}

/// Report-relative paths of one image position: `regression/<kind>/<workflow>/seed-<seed>/<n>.png`.
struct RelativePaths: Sendable {
    let baseline: String
    let actual: String
    let diff: String
    let heatMap: String

    init(workflow: String, seed: Int?, index: Int) {
        func path(_ kind: String) -> String {
            OutputStore.path(workflow: workflow, seed: seed, index: index, under: "regression/" + kind)
        }
        baseline = path("baseline")
        actual = path("actual")
        diff = path("diff")
        heatMap = path("heat")
    }
}
