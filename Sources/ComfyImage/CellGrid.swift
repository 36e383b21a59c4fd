/// A fixed-size scratch grid (one value per tile, block or cell) with unchecked pointer access.
///
/// The comparison loops touch these once per differing pixel; going through `Array` there would
/// add a uniqueness check per write.
final class CellGrid<Element> {
    let columns: Int
    let rows: Int
    let storage: UnsafeMutableBufferPointer<Element>

    init(columns: Int, rows: Int, initial: Element) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        storage = .allocate(capacity: max(1, self.columns * self.rows))
        storage.initialize(repeating: initial)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    @inline(__always)
    subscript(column: Int, row: Int) -> Element {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    var count: Int { columns * rows }
}

extension CellGrid where Element == UInt8 {
    /// True when any cell of `row` is non-zero.
    func anyInRow(_ row: Int) -> Bool {
        let start = row * columns
        for index in start..<start + columns where storage[index] != 0 { return true }
        return false
    }
}
