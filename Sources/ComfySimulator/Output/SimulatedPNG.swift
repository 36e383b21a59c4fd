/// PNG facts the simulator needs without decoding: the signature and the IHDR size (LoadImage
/// uses them to tell a good upload from a corrupt one). Images are written by ComfyImage's `PNGEncoder`.
public enum SimulatedPNG {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Width and height from the IHDR of a PNG, nil when the signature or IHDR is missing or the file
    /// is cut short (used by LoadImage to tell a good upload from a corrupt one).
    static func dimensions(of bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 33, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        func be32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        guard Array(bytes.suffix(8).prefix(4)) == Array("IEND".utf8) else { return nil }
        return (be32(16), be32(20))
    }
}
