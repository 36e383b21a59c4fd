import CShims
import Foundation
import Testing

@testable import ComfyImage

/// The metrics themselves: pixelmatch threshold, regions, tiles, Codable.
@Suite struct ImageComparatorTests {
    static func grey(_ level: UInt8, width: Int = 64, height: Int = 64) -> RGBAImage {
        RGBAImage(width: width, height: height, fill: (level, level, level, 255))
    }

    @Test func pixelmatchThresholdIsAbout26GreyLevels() {
        let base = Self.grey(100)
        for (step, expected) in [(26, 0), (27, 1)] {
            var changed = base
            for channel in 0..<3 { changed.pixels[(10 * 64 + 10) * 4 + channel] = UInt8(100 + step) }
            let metrics = ImageComparator.compare(base, changed).metrics
            #expect(metrics.differingPixels == expected, "grey step \(step)")
            #expect(metrics.maxAbsDiff == step)
        }
        var changed = base
        changed.pixels[0] = 160
        #expect(
            ImageComparator.compare(base, changed, options: CompareOptions(threshold: 0.5)).metrics.differingPixels == 0
        )
    }

    /// The C row kernel (with its shortcut for small channel differences) flags exactly the pixels
    /// the Swift reference formula says differ, over a cube of colour steps and a few alphas.
    @Test(arguments: [0.05, 0.1, 0.2])
    func rowKernelMatchesTheReferenceDelta(threshold: Double) {
        let maxDelta = CompareOptions(threshold: threshold).maxDelta
        var a: [UInt8] = [], b: [UInt8] = []
        for alpha in [255, 254, 128] as [UInt8] {
            for dr in -30...30 {
                for dg in -30...30 {
                    for db in stride(from: -30, through: 30, by: 3) {
                        a += [120, 130, 110, 255]
                        b += [UInt8(120 + dr), UInt8(130 + dg), UInt8(110 + db), alpha]
                    }
                }
            }
        }
        let pixels = a.count / 4
        var flags = [UInt8](repeating: 9, count: pixels)
        var blocks = [UInt8](repeating: 0, count: (pixels + 3) / 4)
        var row = chs_row_diff()
        chs_rgba_row_diff(a, b, pixels, maxDelta, &flags, &blocks, &row)
        var expectedOver = 0
        var mismatches = 0
        a.withUnsafeBytes { rawA in
            b.withUnsafeBytes { rawB in
                let wa = rawA.bindMemory(to: UInt32.self), wb = rawB.bindMemory(to: UInt32.self)
                for i in 0..<pixels {
                    let expected: UInt8 = wa[i] == wb[i] ? 0 : (ColorDelta.yiq(wa[i], wb[i]) > maxDelta ? 2 : 1)
                    if expected == 2 { expectedOver += 1 }
                    if flags[i] != expected { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
        #expect(Int(row.over_threshold) == expectedOver && expectedOver > 0)
        #expect(row.max_abs == 127)
    }

    /// SSIM from the lazy, C-summed path equals a direct computation: every 8×8 window on the
    /// 4-px grid, luma per pixel, means per 64-px tile. Covers the skipped (unchanged) windows,
    /// partial edge tiles, and translucent pixels (luma blended on white).
    @Test(arguments: [false, true])
    func ssimMatchesADirectComputation(translucent: Bool) {
        let width = 150, height = 90
        var a = SyntheticImage.sdLike(width: width, height: height, seed: 11)
        if translucent { for i in stride(from: 3, to: a.pixels.count, by: 28) { a.pixels[i] = 100 } }
        var b = a
        for y in 20..<45 { for x in 60..<101 { b.pixels[(y * width + x) * 4 + 1] &+= UInt8((x * y) % 7) } }
        b.pixels[(80 * width + 140) * 4] &+= 40
        let metrics = ImageComparator.compare(a, b).metrics
        var total = 0.0, count = 0
        var tileSums: [Int: (Double, Int)] = [:]
        for wy in 0..<(height / 4 - 1) {
            for wx in 0..<(width / 4 - 1) {
                var s1 = 0, s2 = 0, ss = 0, s12 = 0
                for y in wy * 4..<wy * 4 + 8 {
                    for x in wx * 4..<wx * 4 + 8 {
                        let la = Self.luma(a, x, y), lb = Self.luma(b, x, y)
                        s1 += la
                        s2 += lb
                        ss += la * la + lb * lb
                        s12 += la * lb
                    }
                }
                let m1 = Double(s1) / 64, m2 = Double(s2) / 64
                let variances = Double(ss) / 64 - m1 * m1 - m2 * m2, covariance = Double(s12) / 64 - m1 * m2
                let value =
                    (2 * m1 * m2 + 6.5025) * (2 * covariance + 58.5225)
                    / ((m1 * m1 + m2 * m2 + 6.5025) * (variances + 58.5225))
                total += value
                count += 1
                let tile = (wy / 16) * 100 + wx / 16
                tileSums[tile] = ((tileSums[tile]?.0 ?? 0) + value, (tileSums[tile]?.1 ?? 0) + 1)
            }
        }
        let worst = tileSums.values.map { $0.0 / Double($0.1) }.min()!
        #expect(abs(metrics.ssimMean - total / Double(count)) < 1e-9)
        #expect(abs(metrics.ssimWorstTile - worst) < 1e-9)
        #expect(metrics.ssimWorstTile < 0.99)
    }

    /// BT.601 luma of one pixel over white, written out independently of `ColorDelta`.
    static func luma(_ image: RGBAImage, _ x: Int, _ y: Int) -> Int {
        let p = image[x, y].map(Int.init)
        let grey = (77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8
        return p[3] == 255 ? grey : 255 - ((255 - grey) * p[3] + 127) / 255
    }

    @Test func alphaDifferencesCount() {
        let base = Self.grey(0)
        var changed = base
        changed.pixels[3] = 0  // opaque black → transparent: white on the pixelmatch background
        let metrics = ImageComparator.compare(base, changed).metrics
        #expect(metrics.differingPixels == 1 && metrics.maxAbsDiff == 255)
    }

    @Test func separateChangesGiveSeparateRegions() {
        let base = SyntheticImage.sdLike(width: 256, height: 256, seed: 3)
        var changed = base
        for (x0, y0) in [(10, 12), (200, 150)] {
            for y in y0..<y0 + 5 {
                for x in x0..<x0 + 7 { changed.pixels[(y * 256 + x) * 4] ^= 0x80 }
            }
        }
        let metrics = ImageComparator.compare(base, changed).metrics
        #expect(metrics.changedRegionCount == 2)
        #expect(
            Set(metrics.changedRegions) == [
                PixelRect(x: 10, y: 12, width: 7, height: 5), PixelRect(x: 200, y: 150, width: 7, height: 5),
            ])
        #expect(metrics.changedTileRatio == 2.0 / 64.0)
        let capped = ImageComparator.compare(base, changed, options: CompareOptions(maxRegions: 1)).metrics
        #expect(capped.changedRegions.count == 1 && capped.changedRegionCount == 2)
    }

    @Test func emptyAndSinglePixelImages() {
        let empty = RGBAImage(width: 0, height: 0)
        #expect(ImageComparator.compare(empty, empty).metrics.isIdentical)
        let black = RGBAImage(width: 1, height: 1), white = RGBAImage(width: 1, height: 1, fill: (255, 255, 255, 255))
        let metrics = ImageComparator.compare(black, white).metrics
        #expect(metrics.differingPixels == 1 && metrics.maxAbsDiff == 255 && metrics.psnr == 0)
        #expect(metrics.changedRegions == [PixelRect(x: 0, y: 0, width: 1, height: 1)])
    }

    @Test func smallImagesStillGetSSIM() {
        let a = SyntheticImage.sdLike(width: 5, height: 3, seed: 1)
        let b = SyntheticImage.sdLike(width: 5, height: 3, seed: 2)
        let metrics = ImageComparator.compare(a, b).metrics
        #expect(metrics.ssimMean < 1 && metrics.ssimMean > -1)
        #expect(ImageComparator.compare(a, a).metrics.ssimMean == 1)
    }

    @Test func metricsEncodeInfinityAsNull() throws {
        let identical = ImageDiffMetrics.identical(width: 4, height: 4)
        let json = try JSONEncoder().encode(identical)
        #expect(String(decoding: json, as: UTF8.self).contains("\"psnr\":null"))
        #expect(try JSONDecoder().decode(ImageDiffMetrics.self, from: json) == identical)
        let base = Self.grey(10)
        let measured = ImageComparator.compare(base, Self.grey(12)).metrics
        #expect(try JSONDecoder().decode(ImageDiffMetrics.self, from: JSONEncoder().encode(measured)) == measured)
    }

    @Test func toleranceDecodesPresetsAndLimits() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Tolerance.self, from: Data(#""identical""#.utf8)) == .identical)
        #expect(try decoder.decode(Tolerance.self, from: Data(#""equivalent""#.utf8)) == .equivalent)
        let snake = try decoder.decode(Tolerance.self, from: Data(#"{"psnr_min": 30, "ssim_min": 0.9}"#.utf8))
        #expect(snake == .custom(psnrMin: 30, ssimMin: 0.9))
        let camel = try decoder.decode(Tolerance.self, from: Data(#"{"worstTileSSIMMin": 0.5}"#.utf8))
        #expect(camel.worstTileSSIMMin == 0.5 && camel.psnrMin == 40)
        #expect(throws: DecodingError.self) { try decoder.decode(Tolerance.self, from: Data(#""loose""#.utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Tolerance.self, from: Data(#"{"psnr": 3}"#.utf8)) }
        let roundTrip = try decoder.decode(Tolerance.self, from: JSONEncoder().encode(Tolerance.identical))
        #expect(roundTrip == .identical)
    }
}
