import ComfyImage
import Foundation

// `make bench-image`: decode+compare of a 1024² pair (identical pixels, and a 200² patch changed),
// median wall milliseconds, beside libpng decode-only of the same pair. Writes the PNGs to the
// folder given as the first argument so scripts/bench-image.sh can time Pillow + scikit-image on them,
// and the medians to swift.json there (read by `make bench`).

/// SD-like test picture: low-frequency colour waves plus ±12 grain, deterministic.
func sdLike(seed: UInt64, size: Int = 1024) -> [UInt8] {
    var state = seed
    func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    let waves = (0..<6).map { _ in (cycles: 0.5 + next() * 2.5, phase: next() * 6.283, amplitude: 25 + next() * 35) }
    var rgb = [UInt8](repeating: 0, count: size * size * 3)
    for y in 0..<size {
        for x in 0..<size {
            for c in 0..<3 {
                let wx = waves[c * 2], wy = waves[c * 2 + 1]
                var v = 128 + wx.amplitude * sin(Double(x) / Double(size) * wx.cycles * 6.283 + wx.phase)
                v += wy.amplitude * sin(Double(y) / Double(size) * wy.cycles * 6.283 + wy.phase)
                v += next() * 24 - 12
                rgb[(y * size + x) * 3 + c] = UInt8(max(0, min(255, v)))
            }
        }
    }
    return rgb
}

func medianMilliseconds(_ runs: Int = 15, _ body: () async throws -> Void) async rethrows -> Double {
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let elapsed = try await clock.measure { try await body() }
        times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    return times.sorted()[runs / 2]
}

let folder = CommandLine.arguments.dropFirst().first ?? "/tmp/comfy-bench-image"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let size = 1024
let base = sdLike(seed: 42)
var patched = base
let other = sdLike(seed: 7)
for y in 420..<620 { for x in 300..<500 { for c in 0..<3 { patched[(y * size + x) * 3 + c] = other[(y * size + x) * 3 + c] } } }
// Same pixels, different bytes (zlib level and text), as two runs of ComfyUI's SaveImage would give.
let basePNG = try PNGEncoder.encode(rgb: base, width: size, height: size, text: [(key: "prompt", value: "{}")], zlibLevel: 4)
let samePNG = try PNGEncoder.encode(rgb: base, width: size, height: size, text: [(key: "prompt", value: "{\"x\":1}")], zlibLevel: 6)
let diffPNG = try PNGEncoder.encode(rgb: patched, width: size, height: size, zlibLevel: 4)
try Data(basePNG).write(to: URL(fileURLWithPath: folder + "/baseline.png"))
try Data(samePNG).write(to: URL(fileURLWithPath: folder + "/identical.png"))
try Data(diffPNG).write(to: URL(fileURLWithPath: folder + "/different.png"))
let digest = try PixelDigest.of(basePNG)

var results: [String] = []
for (name, actual) in [("identical", samePNG), ("different", diffPNG)] {
    let decodeOnly = try await medianMilliseconds {
        _ = try PNGDecoder.decode(basePNG)
        _ = try PNGDecoder.decode(actual)
    }
    let decodeCompare = try await medianMilliseconds {
        let a = try PNGDecoder.decode(basePNG), b = try PNGDecoder.decode(actual)
        _ = VerdictPolicy.verdict(baseline: a, actual: b, tolerance: .equivalent)
    }
    let harness = try await medianMilliseconds {
        _ = try await VerdictPolicy.verdict(
            baselinePNG: basePNG, actualPNG: actual, tolerance: .equivalent, baselineDigest: digest)
    }
    let verdict = try await VerdictPolicy.verdict(baselinePNG: basePNG, actualPNG: actual, tolerance: .equivalent)
    print(
        String(
            format: "swift %@ (%@): libpng decode-only pair %.1f ms | decode+compare (all metrics) %.1f ms | harness path (digest shortcut, concurrent decode) %.1f ms",
            name, verdict.verdict.rawValue, decodeOnly, decodeCompare, harness))
    results.append(
        String(
            format: "\"%@\": {\"verdict\": \"%@\", \"decode_ms\": %.3f, \"decode_compare_ms\": %.3f, \"harness_path_ms\": %.3f}",
            name, verdict.verdict.rawValue, decodeOnly, decodeCompare, harness))
}
try Data(("{" + results.joined(separator: ", ") + "}\n").utf8).write(to: URL(fileURLWithPath: folder + "/swift.json"))
