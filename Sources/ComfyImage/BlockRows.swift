import CShims

/// Luma sums of 4×4 blocks (whole blocks only: `width / 4` × `height / 4`) for both images,
/// computed one block row at a time when first needed.
final class BlockRows {
    private let a: UnsafeBufferPointer<UInt32>
    private let b: UnsafeBufferPointer<UInt32>
    private let width: Int
    let blockColumns: Int
    let blockRows: Int
    /// 4 Int32 per block (Σa, Σb, Σ(a²+b²), Σab), one slab per block row.
    private let storage: UnsafeMutableBufferPointer<Int32>
    private let computed: UnsafeMutableBufferPointer<Bool>

    /// Nil when the image is too small for one 8×8 window.
    init?(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, width: Int, height: Int) {
        let blockColumns = width / 4, blockRows = height / 4
        guard blockColumns >= 2, blockRows >= 2 else { return nil }
        self.a = a
        self.b = b
        self.width = width
        self.blockColumns = blockColumns
        self.blockRows = blockRows
        storage = .allocate(capacity: 4 * blockColumns * blockRows)
        computed = .allocate(capacity: blockRows)
        computed.initialize(repeating: false)
    }

    deinit {
        storage.deallocate()
        computed.deallocate()
    }

    /// The sums of block row `row` (4 Int32 per block).
    func sums(_ row: Int) -> UnsafeMutableBufferPointer<Int32> {
        let slab = UnsafeMutableBufferPointer(rebasing: storage[4 * blockColumns * row..<4 * blockColumns * (row + 1)])
        if !computed[row] {
            let offset = row * 4 * width
            chs_luma_block_row(
                UnsafeRawPointer(a.baseAddress! + offset).assumingMemoryBound(to: UInt8.self),
                UnsafeRawPointer(b.baseAddress! + offset).assumingMemoryBound(to: UInt8.self), width, blockColumns,
                slab.baseAddress)
            computed[row] = true
        }
        return slab
    }
}
