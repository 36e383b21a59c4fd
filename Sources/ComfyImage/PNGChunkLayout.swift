/// Checks that a PNG's chunks fit in the bytes and end with IEND, without reading chunk contents.
///
/// libpng's simplified reader stops after the last row, so a download cut after the image data
/// (IDAT's CRC or IEND lost) would decode "successfully"; a partial file is a failed transfer.
enum PNGChunkLayout {
    /// Throws unless every chunk length stays inside `bytes` and an IEND chunk is reached.
    static func validate(_ bytes: [UInt8], source: String) throws {
        var offset = 8
        var sawImageData = false
        while offset + 12 <= bytes.count {
            let length = Int(PNGHeader.uint32(bytes, offset))
            let type = bytes[offset + 4..<offset + 8]
            guard length <= 0x7FFF_FFFF, offset + 12 + length <= bytes.count else { break }
            if type.elementsEqual("IDAT".utf8) { sawImageData = true }
            if type.elementsEqual("IEND".utf8) {
                guard sawImageData else {
                    throw ImageError(source: source, message: "corrupt PNG: no image data (IDAT) before IEND")
                }
                return  // bytes after IEND are ignored, as every PNG reader does
            }
            offset += 12 + length
        }
        throw ImageError(
            source: source, message: "truncated PNG: \(bytes.count) bytes, the data stops before the IEND chunk",
            hint: "the file or download was cut off")
    }
}
