/// Structural similarity on luma: 8×8 uniform windows on a 4-px grid (ffmpeg's layout), from
/// integer sums per 4×4 block, with C1 = 6.5025 and C2 = 58.5225 (8-bit).
///
/// A window whose four blocks are byte-identical has SSIM exactly 1, so only windows touching a
/// changed block are computed; block sums come from `BlockRows` (C, one block row at a time).
/// Right and bottom edges that do not fill a 4-px block are left out of SSIM (they still count
/// in the pixel metrics).
struct SSIMCalculator {
    static let c1 = 6.5025
    static let c2 = 58.5225
    static let tileSize = 64

    /// The mean over all windows.
    var mean = 1.0
    /// The lowest mean over the windows of one 64-px tile, and where that tile is.
    var worstTile = 1.0
    var worstTileRect: PixelRect?

    init(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, width: Int, height: Int,
        touchedBlocks: CellGrid<UInt8>, blockSums: BlockRows?
    ) {
        guard let rows = blockSums else {
            // Too small for one 8×8 window: one window over the whole image.
            let stats = BlockStats(a, b, width: width, x0: 0, y0: 0, columns: width, rows: height)
            mean = Self.ssim(stats, count: Double(width * height))
            worstTile = mean
            worstTileRect = PixelRect(x: 0, y: 0, width: width, height: height)
            return
        }
        let windowColumns = rows.blockColumns - 1, windowRows = rows.blockRows - 1
        let windowsPerTile = Self.tileSize / 4
        let tiles = CellGrid<Double>(
            columns: (windowColumns + windowsPerTile - 1) / windowsPerTile,
            rows: (windowRows + windowsPerTile - 1) / windowsPerTile, initial: 0)
        let tileWindows = CellGrid<Int>(columns: tiles.columns, rows: tiles.rows, initial: 0)
        var total = 0.0
        for wy in 0..<windowRows {
            let ty = wy / windowsPerTile
            guard touchedBlocks.anyInRow(wy) || touchedBlocks.anyInRow(wy + 1) else {
                // Nothing changed in these two block rows: every window is exactly 1.
                total += Double(windowColumns)
                for wx in 0..<windowColumns {
                    tiles[wx / windowsPerTile, ty] += 1
                    tileWindows[wx / windowsPerTile, ty] += 1
                }
                continue
            }
            let upper = rows.sums(wy), lower = rows.sums(wy + 1)
            for wx in 0..<windowColumns {
                var value = 1.0
                if touchedBlocks[wx, wy] | touchedBlocks[wx + 1, wy] | touchedBlocks[wx, wy + 1]
                    | touchedBlocks[wx + 1, wy + 1] != 0
                {
                    var sum = BlockStats(upper, wx)
                    sum.add(BlockStats(upper, wx + 1))
                    sum.add(BlockStats(lower, wx))
                    sum.add(BlockStats(lower, wx + 1))
                    value = Self.ssim(sum, count: 64)
                }
                total += value
                tiles[wx / windowsPerTile, ty] += value
                tileWindows[wx / windowsPerTile, ty] += 1
            }
        }
        mean = total / Double(windowColumns * windowRows)
        for ty in 0..<tiles.rows {
            for tx in 0..<tiles.columns where tileWindows[tx, ty] > 0 {
                let tileMean = tiles[tx, ty] / Double(tileWindows[tx, ty])
                if tileMean < worstTile {
                    worstTile = tileMean
                    worstTileRect = PixelRect(
                        x: tx * Self.tileSize, y: ty * Self.tileSize,
                        width: min(Self.tileSize, width - tx * Self.tileSize),
                        height: min(Self.tileSize, height - ty * Self.tileSize))
                }
            }
        }
    }

    /// SSIM of one window from its sums over `count` pixels.
    static func ssim(_ s: BlockStats, count: Double) -> Double {
        let mu1 = Double(s.s1) / count, mu2 = Double(s.s2) / count
        let variances = Double(s.ss) / count - mu1 * mu1 - mu2 * mu2
        let covariance = Double(s.s12) / count - mu1 * mu2
        return (2 * mu1 * mu2 + c1) * (2 * covariance + c2) / ((mu1 * mu1 + mu2 * mu2 + c1) * (variances + c2))
    }
}

/// Luma sums of a pixel block in both images: Σa, Σb, Σ(a²+b²), Σab.
struct BlockStats {
    var s1: Int
    var s2: Int
    var ss: Int
    var s12: Int

    private init(s1: Int, s2: Int, ss: Int, s12: Int) {
        self.s1 = s1
        self.s2 = s2
        self.ss = ss
        self.s12 = s12
    }

    init(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, width: Int, x0: Int, y0: Int,
        columns: Int, rows: Int
    ) {
        var s1 = 0, s2 = 0, ss = 0, s12 = 0
        for y in y0..<y0 + rows {
            let row = y * width
            for x in x0..<x0 + columns {
                let la = ColorDelta.luma(a[row + x])
                let lb = ColorDelta.luma(b[row + x])
                s1 += la
                s2 += lb
                ss += la * la + lb * lb
                s12 += la * lb
            }
        }
        self.init(s1: s1, s2: s2, ss: ss, s12: s12)
    }

    /// Block `index` of a row of sums written by `chs_luma_block_row`.
    @inline(__always)
    init(_ sums: UnsafeMutableBufferPointer<Int32>, _ index: Int) {
        self.init(
            s1: Int(sums[4 * index]), s2: Int(sums[4 * index + 1]), ss: Int(sums[4 * index + 2]),
            s12: Int(sums[4 * index + 3]))
    }

    @inline(__always)
    mutating func add(_ other: BlockStats) {
        s1 += other.s1
        s2 += other.s2
        ss += other.ss
        s12 += other.s12
    }
}
