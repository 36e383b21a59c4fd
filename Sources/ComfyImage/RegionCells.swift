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

    @inline(__always)
    func add(x: Int, y: Int) {
        let column = x / cellSize
        let row = y / cellSize
        let x32 = Int32(x), y32 = Int32(y)
        counts[column, row] += 1
        if x32 < minX[column, row] { minX[column, row] = x32 }
        if y32 < minY[column, row] { minY[column, row] = y32 }
        if x32 > maxX[column, row] { maxX[column, row] = x32 }
        if y32 > maxY[column, row] { maxY[column, row] = y32 }
    }
}
