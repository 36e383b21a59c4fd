/// Draws diff pictures for reports: pixelmatch's view (faded baseline, differing pixels red) and a
/// heat map of |Δ| that makes sub-threshold drift visible.
public enum DiffPictureRenderer {
    /// Baseline in grey faded to 10% over white, pixels over the pixelmatch threshold red, changed
    /// regions outlined in orange so a few red pixels in a large image are found. Where the sizes
    /// differ, the part covered by only one image is red.
    public static func render(
        baseline: RGBAImage, actual: RGBAImage, metrics: ImageDiffMetrics?, threshold: Double = 0.1
    ) -> RGBAImage {
        let width = max(baseline.width, actual.width), height = max(baseline.height, actual.height)
        let maxDelta = CompareOptions(threshold: threshold).maxDelta
        var out = [UInt8](repeating: 0, count: width * height * 4)
        out.withUnsafeMutableBytes { rawOut in
            let o = rawOut.bindMemory(to: UInt32.self)
            baseline.pixels.withUnsafeBytes { rawA in
                actual.pixels.withUnsafeBytes { rawB in
                    let a = rawA.bindMemory(to: UInt32.self), b = rawB.bindMemory(to: UInt32.self)
                    for y in 0..<height {
                        for x in 0..<width {
                            let inA = x < baseline.width && y < baseline.height
                            let inB = x < actual.width && y < actual.height
                            guard inA && inB else {
                                o[y * width + x] = red
                                continue
                            }
                            let pa = a[y * baseline.width + x], pb = b[y * actual.width + x]
                            if pa != pb && ColorDelta.yiq(pa, pb) > maxDelta {
                                o[y * width + x] = red
                            } else {
                                // pixelmatch's drawGrayPixel: luma blended towards white, alpha 0.1.
                                let grey = UInt32(255 - (255 - ColorDelta.luma(pa)) / 10)
                                o[y * width + x] = grey | grey << 8 | grey << 16 | 0xFF00_0000
                            }
                        }
                    }
                }
            }
        }
        var image = RGBAImage(width: width, height: height, pixels: out)
        for region in metrics?.changedRegions ?? [] { outline(&image, region.insetBy(-2)) }
        return image
    }

    /// |Δ| (largest channel) per pixel on a black-red-yellow-white ramp, scaled so the largest
    /// difference in the image is full white unless `gain` is given; equal pixels are black.
    public static func heatMap(baseline: RGBAImage, actual: RGBAImage, gain: Int? = nil) -> RGBAImage {
        precondition(baseline.width == actual.width && baseline.height == actual.height, "heat map needs equal sizes")
        let count = baseline.width * baseline.height
        var out = [UInt8](repeating: 0, count: count * 4)
        baseline.pixels.withUnsafeBufferPointer { a in
            actual.pixels.withUnsafeBufferPointer { b in
                var largest = 0
                for index in 0..<(count * 4) { largest = max(largest, abs(Int(a[index]) - Int(b[index]))) }
                let scale = gain ?? (largest == 0 ? 1 : (765 + largest - 1) / largest)
                out.withUnsafeMutableBufferPointer { o in
                    for pixel in 0..<count {
                        let base = pixel * 4
                        var delta = 0
                        for channel in 0..<4 {
                            delta = max(delta, abs(Int(a[base + channel]) - Int(b[base + channel])))
                        }
                        let level = min(765, delta * scale)  // 0...765 across the three ramp segments
                        o[base] = UInt8(min(255, level))
                        o[base + 1] = UInt8(min(255, max(0, level - 255)))
                        o[base + 2] = UInt8(min(255, max(0, level - 510)))
                        o[base + 3] = 255
                    }
                }
            }
        }
        return RGBAImage(width: baseline.width, height: baseline.height, pixels: out)
    }

    private static let red: UInt32 = 0xFF00_00FF  // RGBA 255, 0, 0, 255 as a little-endian word

    /// A 1-px orange rectangle, clipped to the image.
    private static func outline(_ image: inout RGBAImage, _ rect: PixelRect) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(image.width - 1, rect.x + rect.width - 1), y1 = min(image.height - 1, rect.y + rect.height - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        func paint(_ x: Int, _ y: Int) {
            let offset = (y * image.width + x) * 4
            image.pixels[offset] = 255
            image.pixels[offset + 1] = 140
            image.pixels[offset + 2] = 0
            image.pixels[offset + 3] = 255
        }
        for x in x0...x1 {
            if rect.y >= 0 { paint(x, y0) }
            if rect.y + rect.height - 1 < image.height { paint(x, y1) }
        }
        for y in y0...y1 {
            if rect.x >= 0 { paint(x0, y) }
            if rect.x + rect.width - 1 < image.width { paint(x1, y) }
        }
    }
}

extension PixelRect {
    /// The rectangle grown by `-amount` on each side (negative insets grow).
    func insetBy(_ amount: Int) -> PixelRect {
        PixelRect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
