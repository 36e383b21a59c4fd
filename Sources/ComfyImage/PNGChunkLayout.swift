import CShims

/// Checks that a PNG's chunks fit in the bytes, carry correct CRCs and end with IEND.
///
/// libpng's simplified reader stops after the last row, so a download cut after the image data
/// (IDAT's CRC or IEND lost) would decode "successfully"; a partial file is a failed transfer.
/// The CRCs are checked here for the same reason, and so the decoder and `PixelDigest` (whose
/// classic reader checks the chunks after IDAT) refuse exactly the same damaged files: libpng alone
/// only warns about a bad ancillary chunk, and the simplified reader never sees IEND's CRC.
///
/// It also keeps libpng from trusting a chunk length: libpng allocates a text chunk's declared
/// length before reading it (only warning when it is over its limit), so 300 bytes claiming a 1 GiB
/// iTXt would cost a 1 GiB allocation. Every chunk checked here lies inside the bytes. For the same
/// reason the image data must be able to fill the declared size (`checkImageDataFills`): a few
/// hundred bytes claiming 16384×16384 would otherwise cost the decoder a 1 GiB pixel buffer before
/// libpng finds the data runs out.
enum PNGChunkLayout {
    /// How much of the file must be sound.
    enum Extent {
        /// Every chunk through IEND: the decoder and the digest read the image data.
        case wholeFile
        /// The chunks before the first IDAT (or IEND): all the text reader passes to libpng.
        case beforeImageData
    }

    /// Throws unless every chunk length stays inside `bytes`, every CRC matches and IEND is reached
    /// (with `.beforeImageData`: every chunk before the first IDAT, which must be reached). With
    /// `header` (the caller's parsed IHDR), the image data must also be able to fill its size.
    static func validate(
        _ bytes: [UInt8], source: String, through extent: Extent = .wholeFile, header: PNGHeader? = nil
    ) throws {
        var offset = 8
        var sawImageData = false
        var imageDataBytes = 0
        while offset + 12 <= bytes.count {
            let length = Int(PNGHeader.uint32(bytes, offset))
            let type = bytes[offset + 4..<offset + 8]
            if extent == .beforeImageData, type.elementsEqual("IDAT".utf8) || type.elementsEqual("IEND".utf8) {
                return  // libpng's png_read_info stops at this chunk's header
            }
            guard length <= 0x7FFF_FFFF, offset + 12 + length <= bytes.count else { break }
            guard type.allSatisfy(isLetter) else {
                throw ImageError(
                    source: source, message: "corrupt PNG: invalid chunk type \(name(of: type)) at byte \(offset)")
            }
            let stored = PNGHeader.uint32(bytes, offset + 8 + length)
            let computed = bytes.withUnsafeBufferPointer { chs_crc32($0.baseAddress! + offset + 4, 4 + length) }
            guard stored == computed else {
                throw ImageError(
                    source: source, message: "corrupt PNG: CRC error in the \(name(of: type)) chunk at byte \(offset)",
                    hint: "the file was damaged in transfer or on disk")
            }
            if type.elementsEqual("IDAT".utf8) {
                sawImageData = true
                imageDataBytes += length
            }
            if type.elementsEqual("IEND".utf8) {
                guard sawImageData else {
                    throw ImageError(source: source, message: "corrupt PNG: no image data (IDAT) before IEND")
                }
                if let header { try checkImageDataFills(header, imageDataBytes: imageDataBytes, source: source) }
                return  // bytes after IEND are ignored, as every PNG reader does
            }
            offset += 12 + length
        }
        throw ImageError(
            source: source, message: "truncated PNG: \(bytes.count) bytes, the data stops before the IEND chunk",
            hint: "the file or download was cut off")
    }

    /// zlib's deflate cannot expand by more than 1032:1 (a 258-byte match costs at least two bits).
    static let maxInflateRatio = 1032

    /// Throws when `imageDataBytes` of compressed data cannot inflate to the pixel bytes `header`
    /// declares (filter bytes aside, so the bound holds for interlaced images too).
    static func checkImageDataFills(_ header: PNGHeader, imageDataBytes: Int, source: String) throws {
        let channels = [PNGHeader.ColorType.gray: 1, .rgb: 3, .palette: 1, .grayAlpha: 2, .rgba: 4][header.colorType]!
        let rowBytes = (header.width * channels * header.bitDepth + 7) / 8
        let pixelBytes = rowBytes * header.height
        // The slack of 64 bytes covers block headers and rounding: a valid image is never refused.
        guard (imageDataBytes + 64) * maxInflateRatio >= pixelBytes else {
            throw ImageError(
                source: source,
                message: "corrupt PNG: \(imageDataBytes) bytes of image data cannot hold \(header.width)x\(header.height) pixels",
                hint: "the file claims a size its data does not have; it is damaged or crafted")
        }
    }

    /// PNG chunk types are four ASCII letters (the case of each carries a flag).
    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The chunk type as text when it is four ASCII letters (as PNG requires), else its hex bytes.
    private static func name(of type: ArraySlice<UInt8>) -> String {
        type.allSatisfy(isLetter)
            ? String(decoding: type, as: UTF8.self)
            : "0x" + type.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
