/// dHash: a 64-bit fingerprint of an image's composition (9×8 luma grid, one bit per horizontal
/// neighbour pair: is the left cell darker than the right one?).
///
/// Same composition gives a distance of a few bits at most, an unrelated image about 32. Cells are
/// averaged over a sparse sample grid (about 256 samples per side), which is plenty for 72 cells.
public enum PerceptualHash {
    public static func dHash(_ image: RGBAImage) -> UInt64 {
        image.pixels.withUnsafeBytes { raw in
            dHash(raw.bindMemory(to: UInt32.self), width: image.width, height: image.height)
        }
    }

    /// Hamming distance between two hashes (0...64).
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    static func dHash(_ pixels: UnsafeBufferPointer<UInt32>, width: Int, height: Int) -> UInt64 {
        guard width > 0, height > 0 else { return 0 }
        var sums = [Int](repeating: 0, count: 72)
        var counts = [Int](repeating: 0, count: 72)
        let step = max(1, min(width, height) / 256)
        for y in stride(from: step / 2, to: height, by: step) {
            let row = y * 8 / height * 9
            for x in stride(from: step / 2, to: width, by: step) {
                let cell = row + x * 9 / width
                sums[cell] += ColorDelta.luma(pixels[y * width + x])
                counts[cell] += 1
            }
        }
        var hash: UInt64 = 0
        for row in 0..<8 {
            for column in 0..<8 {
                let left = row * 9 + column, right = left + 1
                // left mean < right mean, cross-multiplied to stay in integers.
                if sums[left] * max(1, counts[right]) < sums[right] * max(1, counts[left]) {
                    hash |= 1 << UInt64(row * 8 + column)
                }
            }
        }
        return hash
    }
}
