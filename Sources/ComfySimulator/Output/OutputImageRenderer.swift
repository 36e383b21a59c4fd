/// Turns an `ImageSpec` into 8-bit RGB pixels: a pure function of the seeds and the size, cheap to compute.
struct OutputImageRenderer: Sendable {
    let drift: Bool
    let regression: RegressionKnob?

    /// RGB bytes of image `index` of the batch, row-major.
    func render(_ spec: ImageSpec, index: Int) -> [UInt8] {
        let width = max(spec.width, 1)
        let height = max(spec.height, 1)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let patternSeed = spec.patternSeed.map { StableHash.mix($0 ^ UInt64(index)) }
        // Per-channel slopes and phases of a triangle-wave pattern: smooth gradients, like a decoded image.
        let ax = patternSeed.map { Int($0 & 7) + 1 } ?? 0
        let ay = patternSeed.map { Int(($0 >> 3) & 7) + 1 } ?? 0
        let phases = (0..<3).map { c in patternSeed.map { Int(($0 >> (8 + 8 * UInt64(c))) & 0x1FF) } ?? 0 }
        let noise = spec.noise.map { (seed: StableHash.mix($0.seed ^ UInt64(index) &* 0x9E37), scale: $0.strength) }
        let driftSeed: UInt64 = 0xD21F7
        pixels.withUnsafeMutableBufferPointer { out in
            var i = 0
            for y in 0..<height {
                for x in 0..<width {
                    let position = UInt64(y &* width &+ x)
                    for c in 0..<3 {
                        var v: Int
                        if patternSeed != nil {
                            let t = (x &* ax &+ y &* ay &+ phases[c] &+ c &* 37) & 511
                            v = t < 256 ? t : 511 - t
                        } else {
                            v = Int((spec.color >> UInt32(16 - 8 * c)) & 0xFF)
                        }
                        for layer in noise {
                            let r = StableHash.mix(layer.seed ^ (position &* 3 &+ UInt64(c)))
                            v += Int((Double(Int(r & 0xFF) - 128) * layer.scale).rounded())
                        }
                        v = min(max(v, 0), 255)
                        if spec.inverted { v = 255 - v }
                        out[i] = UInt8(v)
                        i += 1
                    }
                }
            }
            if drift {
                // ±1 level on a deterministic third of the samples each way: what another GPU's math does.
                for j in 0..<out.count {
                    let r = StableHash.mix(driftSeed ^ UInt64(j)) % 3
                    let v = Int(out[j]) + Int(r) - 1
                    out[j] = UInt8(min(max(v, 0), 255))
                }
            }
            if let knob = regression {
                let x0 = max(knob.x, 0)
                let y0 = max(knob.y, 0)
                let x1 = min(knob.x + knob.width, width)
                let y1 = min(knob.y + knob.height, height)
                if x0 < x1 && y0 < y1 {
                    for y in y0..<y1 {
                        for x in x0..<x1 {
                            for c in 0..<3 { out[(y * width + x) * 3 + c] ^= 0x80 }
                        }
                    }
                }
            }
        }
        return pixels
    }
}
