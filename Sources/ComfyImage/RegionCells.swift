/// Differing pixels binned into square cells: a count and the exact pixel bounds per cell.
///
/// Regions are grown over cells rather than pixels: a 1024² image has 16K cells of 8 px, so
/// labelling stays cheap even when every pixel differs, and boxes are still pixel-exact.
final class RegionCells {
    let cellSize: Int
    let counts: CellGrid<Int32>
    let minX: CellGrid<Int32>
    let minY: CellGrid<Int32>
    let maxX: CellGrid<Int32>
    let maxY: CellGrid<Int32>

    init(width: Int, height: Int, cellSize: Int) {
        self.cellSize = cellSize
        let columns = (width + cellSize - 1) / cellSize
        let rows = (height + cellSize - 1) / cellSize
        counts = CellGrid(columns: columns, rows: rows, initial: 0)
        minX = CellGrid(columns: columns, rows: rows, initial: Int32.max)
        minY = CellGrid(columns: columns, rows: rows, initial: Int32.max)
        maxX = CellGrid(columns: columns, rows: rows, initial: -1)
        maxY = CellGrid(columns: columns, rows: rows, initial: -1)
    }

    /// Records `count` differing pixels of row `y` in cell `column`, spanning `minX...maxX`.
    @inline(__always)
    func add(column: Int, y: Int, count: Int, minX x0: Int, maxX x1: Int) {
        let row = y / cellSize
        counts[column, row] += Int32(count)
        minX[column, row] = min(minX[column, row], Int32(x0))
        maxX[column, row] = max(maxX[column, row], Int32(x1))
        minY[column, row] = min(minY[column, row], Int32(y))
        maxY[column, row] = max(maxY[column, row], Int32(y))
    }
}
