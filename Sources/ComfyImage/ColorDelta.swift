/// pixelmatch's perceptual colour distance on packed RGBA words, and the luma used by SSIM and dHash.
///
/// The comparison's hot loop has the same formulas in C (`chs_rgba_row_diff`, `chs_luma_block_row`);
/// tests check the two agree.
///
/// Words are RGBA bytes loaded as little-endian `UInt32` (R in the low byte).
enum ColorDelta {
    /// Squared YIQ distance `0.5053·ΔY² + 0.299·ΔI² + 0.1957·ΔQ²`, colours blended on white by alpha.
    @inline(__always)
    static func yiq(_ pa: UInt32, _ pb: UInt32) -> Double {
        var r1 = Double(pa & 0xFF), g1 = Double((pa >> 8) & 0xFF), b1 = Double((pa >> 16) & 0xFF)
        var r2 = Double(pb & 0xFF), g2 = Double((pb >> 8) & 0xFF), b2 = Double((pb >> 16) & 0xFF)
        let a1 = pa >> 24, a2 = pb >> 24
        if a1 < 255 {
            let alpha = Double(a1) / 255
            r1 = 255 + (r1 - 255) * alpha
            g1 = 255 + (g1 - 255) * alpha
            b1 = 255 + (b1 - 255) * alpha
        }
        if a2 < 255 {
            let alpha = Double(a2) / 255
            r2 = 255 + (r2 - 255) * alpha
            g2 = 255 + (g2 - 255) * alpha
            b2 = 255 + (b2 - 255) * alpha
        }
        return yiq(dr: r1 - r2, dg: g1 - g2, db: b1 - b2)
    }

    @inline(__always)
    static func yiq(dr: Double, dg: Double, db: Double) -> Double {
        let y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223
        let i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189
        let q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694
        return 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q
    }

    /// BT.601 luma 0...255 in integers, blended on white when not opaque (as pixelmatch does).
    @inline(__always)
    static func luma(_ p: UInt32) -> Int {
        let y = (77 * Int(p & 0xFF) + 150 * Int((p >> 8) & 0xFF) + 29 * Int((p >> 16) & 0xFF) + 128) >> 8
        let alpha = Int(p >> 24)
        return alpha == 255 ? y : 255 - ((255 - y) * alpha + 127) / 255
    }
}
