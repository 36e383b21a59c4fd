import Foundation
import Testing

@testable import ComfyImage

/// Prints decode and compare timings for 1024² pairs; runs only with COMFY_IMAGE_BENCH=1 (and means
/// something only in release: `swift test -c release --filter DecodeCompareBenchmark`). Timings are
/// printed, never asserted: a shared machine makes them too noisy for a pass/fail.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["COMFY_IMAGE_BENCH"] != nil))
struct DecodeCompareBenchmark {
    /// Median CPU time of this thread (wall time would measure the neighbours' builds).
    static func median(_ runs: Int = 15, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = clock_gettime_nsec_np_thread()
            try body()
            times.append(Double(clock_gettime_nsec_np_thread() - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    static func clock_gettime_nsec_np_thread() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    @Test func decodeAndCompare1024Pairs() throws {
        let base = SyntheticImage.sdLike(seed: 42)
        let basePNG = try PNGEncoder.encode(rgb: base.rgbBytes, width: 1024, height: 1024)
        let variants = [
            ("identical", base), ("noise ±1", SyntheticImage.withNoise(base)),
            (
                "patch 200²",
                SyntheticImage.withPatch(
                    base, from: SyntheticImage.sdLike(seed: 7), rect: PixelRect(x: 300, y: 420, width: 200, height: 200)
                )
            ),
            ("other image", SyntheticImage.sdLike(seed: 7)),
        ]
        for (name, image) in variants {
            let png = try PNGEncoder.encode(rgb: image.rgbBytes, width: 1024, height: 1024)
            let decodeOnly = try Self.median {
                let a = try PNGDecoder.decode(basePNG), b = try PNGDecoder.decode(png)
                #expect(a.width == b.width)
            }
            let decodeCompare = try Self.median {
                _ = ImageComparator.compare(try PNGDecoder.decode(basePNG), try PNGDecoder.decode(png))
            }
            let a = try PNGDecoder.decode(basePNG), b = try PNGDecoder.decode(png)
            let compareOnly = Self.median { _ = ImageComparator.compare(a, b) }
            print(
                String(
                    format: "%@: decode pair %.2f ms, decode+compare %.2f ms (×%.2f), compare %.2f ms",
                    name, decodeOnly, decodeCompare, decodeCompare / decodeOnly, compareOnly))
        }
    }
}
