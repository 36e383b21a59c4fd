import Foundation

/// One pass over two equal-sized RGBA buffers: pixelmatch counts, channel statistics, and the
/// grids the later stages need (changed 32-px tiles, touched 4-px SSIM blocks, 8-px region cells).
///
/// Rows that are byte-equal are skipped with one `memcmp`-speed comparison, equal pixels with one
/// 32-bit compare, and opaque pixels whose channels differ by less than the threshold skip
/// the floating-point YIQ delta.
struct PixelDiffPass {
    static let tileSize = 32
    static let blockSize = 4
    static let cellSize = 8

    var differingPixels = 0
    var maxAbsDiff = 0
    /// Sums over the R, G, B channels of |Δ| and Δ².
    var sumAbs = 0
    var sumSquares = 0
    /// 1 where a 32-px tile holds a pixelmatch-differing pixel.
    let changedTiles: CellGrid<UInt8>
    /// 1 where a 4-px block has any pixel whose bytes differ (below threshold too): SSIM works there.
    let touchedBlocks: CellGrid<UInt8>
    /// Per 8-px cell: differing-pixel count and the bounds of those pixels, for region finding.
    let cells: RegionCells

    init(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, width: Int, height: Int, maxDelta: Double) {
        changedTiles = CellGrid(
            columns: (width + Self.tileSize - 1) / Self.tileSize, rows: (height + Self.tileSize - 1) / Self.tileSize,
            initial: 0)
        touchedBlocks = CellGrid(
            columns: (width + Self.blockSize - 1) / Self.blockSize,
            rows: (height + Self.blockSize - 1) / Self.blockSize, initial: 0)
        cells = RegionCells(width: width, height: height, cellSize: Self.cellSize)
        let safe = ColorDelta.safeChannelDifference(maxDelta: maxDelta)
        let rowBytes = width * 4
        for y in 0..<height {
            let row = y * width
            // Whole equal rows cost one vectorised compare.
            if memcmp(a.baseAddress! + row, b.baseAddress! + row, rowBytes) == 0 { continue }
            for x in 0..<width {
                let pa = a[row + x]
                let pb = b[row + x]
                if pa == pb { continue }
                touchedBlocks[x >> 2, y >> 2] = 1
                let dr = Int(pa & 0xFF) - Int(pb & 0xFF)
                let dg = Int((pa >> 8) & 0xFF) - Int((pb >> 8) & 0xFF)
                let db = Int((pa >> 16) & 0xFF) - Int((pb >> 16) & 0xFF)
                let da = Int(pa >> 24) - Int(pb >> 24)
                let absR = abs(dr), absG = abs(dg), absB = abs(db)
                let largest = max(max(absR, absG), max(absB, abs(da)))
                if largest > maxAbsDiff { maxAbsDiff = largest }
                sumAbs += absR + absG + absB
                sumSquares += dr * dr + dg * dg + db * db
                let differs: Bool
                if pa >> 24 == 255 && pb >> 24 == 255 {
                    differs = largest > safe && ColorDelta.yiq(dr: Double(dr), dg: Double(dg), db: Double(db)) > maxDelta
                } else {
                    differs = ColorDelta.yiq(pa, pb) > maxDelta
                }
                if differs {
                    differingPixels += 1
                    changedTiles[x / Self.tileSize, y / Self.tileSize] = 1
                    cells.add(x: x, y: y)
                }
            }
        }
    }
}
