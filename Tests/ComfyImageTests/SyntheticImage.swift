import Foundation

@testable import ComfyImage

/// Deterministic "SD-like" test images: smooth colour fields of a few low-frequency waves with
/// per-pixel grain (±12 levels), so SSIM and dHash behave as on generated pictures, not flat colour.
enum SyntheticImage {
    /// SplitMix64: small, fast, reproducible across platforms.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    static func sdLike(width: Int = 1024, height: Int = 1024, seed: UInt64) -> RGBAImage {
        var random = Generator(state: seed)
        // Per channel: f(x) + g(y) + h(x)·k(y), each a low-frequency wave with random phase.
        func wave(_ count: Int, _ random: inout Generator) -> [Double] {
            let cycles = 0.5 + random.unit() * 2.5, phase = random.unit() * 6.283, amplitude = 25 + random.unit() * 35
            return (0..<count).map { amplitude * sin(Double($0) / Double(count) * cycles * 6.283 + phase) }
        }
        var fields: [([Double], [Double], [Double], [Double], Double)] = []
        for _ in 0..<3 {
            fields.append(
                (
                    wave(width, &random), wave(height, &random), wave(width, &random), wave(height, &random),
                    70 + random.unit() * 110
                ))
        }
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                for x in 0..<width {
                    let base = (y * width + x) * 4
                    let grain = random.next()
                    for channel in 0..<3 {
                        let (fx, gy, hx, ky) = (
                            fields[channel].0, fields[channel].1, fields[channel].2, fields[channel].3
                        )
                        let smooth = fields[channel].4 + fx[x] + gy[y] + hx[x] * ky[y] / 40
                        let noise = Double(Int((grain >> (UInt64(channel) * 8)) & 0xFF) % 25 - 12)
                        out[base + channel] = UInt8(max(0, min(255, (smooth + noise).rounded())))
                    }
                }
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// `image` with every channel moved by -1, 0 or +1 at random (clamped): fp16-style drift.
    static func withNoise(_ image: RGBAImage, amplitude: Int = 1, seed: UInt64 = 99) -> RGBAImage {
        var random = Generator(state: seed)
        var copy = image
        copy.pixels.withUnsafeMutableBufferPointer { out in
            for index in out.indices where index % 4 != 3 {
                let step = Int(random.next() % UInt64(2 * amplitude + 1)) - amplitude
                out[index] = UInt8(max(0, min(255, Int(out[index]) + step)))
            }
        }
        return copy
    }

    /// `image` with `rect` replaced by the same area of `source`.
    static func withPatch(_ image: RGBAImage, from source: RGBAImage, rect: PixelRect) -> RGBAImage {
        var copy = image
        for y in rect.y..<rect.y + rect.height {
            let start = (y * image.width + rect.x) * 4, end = start + rect.width * 4
            copy.pixels.replaceSubrange(start..<end, with: source.pixels[start..<end])
        }
        return copy
    }

    /// `image` moved right and down by `dx`, `dy`; the uncovered edge repeats the first row/column.
    static func shifted(_ image: RGBAImage, dx: Int, dy: Int) -> RGBAImage {
        var copy = image
        copy.pixels.withUnsafeMutableBufferPointer { out in
            image.pixels.withUnsafeBufferPointer { source in
                for y in 0..<image.height {
                    let sy = max(0, y - dy)
                    for x in 0..<image.width {
                        let sx = max(0, x - dx)
                        for channel in 0..<4 {
                            out[(y * image.width + x) * 4 + channel] = source[(sy * image.width + sx) * 4 + channel]
                        }
                    }
                }
            }
        }
        return copy
    }
}
