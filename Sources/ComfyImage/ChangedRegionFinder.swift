/// Groups differing pixels into regions: 8-connected components of 8-px cells that hold any.
enum ChangedRegionFinder {
    struct Region {
        var rect: PixelRect
        var pixels: Int
    }

    /// Every region, largest (by differing pixels) first.
    static func regions(in cells: RegionCells) -> [Region] {
        let grid = cells.counts
        let visited = CellGrid<UInt8>(columns: grid.columns, rows: grid.rows, initial: 0)
        var regions: [Region] = []
        var stack: [(Int, Int)] = []
        for row in 0..<grid.rows {
            for column in 0..<grid.columns where grid[column, row] > 0 && visited[column, row] == 0 {
                var minX = Int32.max, minY = Int32.max, maxX: Int32 = -1, maxY: Int32 = -1
                var pixels = 0
                visited[column, row] = 1
                stack.append((column, row))
                while let (c, r) = stack.popLast() {
                    pixels += Int(grid[c, r])
                    minX = min(minX, cells.minX[c, r])
                    minY = min(minY, cells.minY[c, r])
                    maxX = max(maxX, cells.maxX[c, r])
                    maxY = max(maxY, cells.maxY[c, r])
                    for dr in -1...1 {
                        for dc in -1...1 {
                            let nc = c + dc, nr = r + dr
                            guard nc >= 0, nr >= 0, nc < grid.columns, nr < grid.rows else { continue }
                            if grid[nc, nr] > 0 && visited[nc, nr] == 0 {
                                visited[nc, nr] = 1
                                stack.append((nc, nr))
                            }
                        }
                    }
                }
                let rect = PixelRect(
                    x: Int(minX), y: Int(minY), width: Int(maxX - minX) + 1, height: Int(maxY - minY) + 1)
                regions.append(Region(rect: rect, pixels: pixels))
            }
        }
        return regions.sorted { $0.pixels != $1.pixels ? $0.pixels > $1.pixels : $0.rect.area > $1.rect.area }
    }
}
