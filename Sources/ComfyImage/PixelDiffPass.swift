import CShims
import Foundation

/// One pass over two equal-sized RGBA buffers: pixelmatch counts, channel statistics, and the
/// grids the later stages need (changed 32-px tiles, touched 4-px SSIM blocks, 8-px region cells).
///
/// Equal rows are skipped by `memcmp`; other rows go through `chs_rgba_row_diff`, a C loop the
/// compiler vectorises (Swift's SIMD types measured slower than scalar code here), which only pays
/// for the floating-point YIQ delta where some channel moved more than the threshold allows.
struct PixelDiffPass {
    static let tileSize = 32
    static let blockSize = 4
    static let cellSize = 8

    private(set) var differingPixels = 0
    private(set) var maxAbsDiff = 0
    /// Sums over the R, G, B channels of |Δ| and Δ².
    private(set) var sumAbs = 0
    private(set) var sumSquares = 0
    /// 1 where a 32-px tile holds a pixelmatch-differing pixel.
    let changedTiles: CellGrid<UInt8>
    /// 1 where a 4-px block has any pixel whose bytes differ (below threshold too): SSIM works there.
    let touchedBlocks: CellGrid<UInt8>
    /// Per 8-px cell: differing-pixel count and the bounds of those pixels, for region finding.
    let cells: RegionCells

    /// `blockSums`, when given, gets each changed 4-row band's SSIM sums computed right after the
    /// band is diffed, while its rows are still in cache (one trip through memory instead of two).
    init(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, width: Int, height: Int, maxDelta: Double,
        blockSums: BlockRows? = nil
    ) {
        changedTiles = CellGrid(
            columns: (width + Self.tileSize - 1) / Self.tileSize, rows: (height + Self.tileSize - 1) / Self.tileSize,
            initial: 0)
        touchedBlocks = CellGrid(
            columns: (width + Self.blockSize - 1) / Self.blockSize,
            rows: (height + Self.blockSize - 1) / Self.blockSize, initial: 0)
        cells = RegionCells(width: width, height: height, cellSize: Self.cellSize)
        let flags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, width))
        defer { flags.deallocate() }
        let bytesA = UnsafeRawPointer(a.baseAddress!).assumingMemoryBound(to: UInt8.self)
        let bytesB = UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: UInt8.self)
        for y in 0..<height {
            defer {
                let band = y / Self.blockSize
                if y % Self.blockSize == Self.blockSize - 1, let blockSums, band < blockSums.blockRows,
                    touchedBlocks.anyInRow(band)
                {
                    _ = blockSums.sums(band)
                }
            }
            let offset = y * width * 4
            if memcmp(bytesA + offset, bytesB + offset, width * 4) == 0 { continue }
            var row = chs_row_diff()
            chs_rgba_row_diff(
                bytesA + offset, bytesB + offset, width, maxDelta, flags.baseAddress,
                touchedBlocks.storage.baseAddress! + (y / Self.blockSize) * touchedBlocks.columns, &row)
            sumAbs += Int(row.sum_abs)
            sumSquares += Int(row.sum_squares)
            maxAbsDiff = max(maxAbsDiff, Int(row.max_abs))
            guard row.over_threshold > 0 else { continue }
            differingPixels += Int(row.over_threshold)
            recordDifferences(flags, y: y, width: width)
        }
    }

    /// Marks tiles and region cells for the pixels of row `y` flagged as over the threshold (2).
    private func recordDifferences(_ flags: UnsafeMutableBufferPointer<UInt8>, y: Int, width: Int) {
        let raw = UnsafeRawPointer(flags.baseAddress!)
        var start = 0
        while start < width {
            let end = min(start + Self.cellSize, width)
            var count = 0, first = -1, last = -1
            if end - start == 8 {
                // Eight flags at once: bit 1 of each byte is "over the threshold".
                let over = (raw.loadUnaligned(fromByteOffset: start, as: UInt64.self) >> 1) & 0x0101_0101_0101_0101
                if over != 0 {
                    count = over.nonzeroBitCount
                    first = start + over.littleEndian.trailingZeroBitCount / 8
                    last = start + (63 - over.littleEndian.leadingZeroBitCount) / 8
                }
            } else {
                for x in start..<end where flags[x] == 2 {
                    count += 1
                    if first < 0 { first = x }
                    last = x
                }
            }
            if count > 0 {
                changedTiles[start / Self.tileSize, y / Self.tileSize] = 1
                cells.add(column: start / Self.cellSize, y: y, count: count, minX: first, maxX: last)
            }
            start = end
        }
    }
}
