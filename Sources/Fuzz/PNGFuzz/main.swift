import ComfyImage
import FuzzSupport

// Fuzzes every reader of PNG bytes a server can send: the RGBA decoder, the text-chunk reader
// (ComfyUI's embedded prompt/workflow) and the pixel digest. Beyond "no crash, no memory error",
// two properties must hold on every input:
// - the digest refuses exactly what the decoder refuses, so a corrupt image is never judged IDENTICAL
//   by digest alone;
// - a decoded image re-encodes and decodes back to the same pixels.
// Every chunk's CRC is checked before libpng runs, so almost every mutation would stop there: each
// input is tried as it is, and again with its CRCs recomputed so mutations reach libpng and the shims.
FuzzDriver.run { data in
    let bytes = [UInt8](data)
    check(bytes)
    let repaired = withCorrectCRCs(bytes)
    if repaired != bytes { check(repaired) }
}

func check(_ bytes: [UInt8]) {
    let decoded = Result { try PNGDecoder.decode(bytes, source: "fuzz") }
    let digest = Result { try PixelDigest.of(bytes, source: "fuzz") }
    _ = try? PNGTextReader.read(bytes, source: "fuzz")
    _ = try? PNGDecoder.header(bytes, source: "fuzz")
    switch (decoded, digest) {
    case (.success, .failure(let error)):
        fatalError("the decoder accepted a PNG the pixel digest refused: \(error)")
    case (.failure(let error), .success):
        fatalError("the pixel digest accepted a PNG the decoder refused: \(error)")
    default: break
    }
    // Small images only: the round trip is a property check, and big ones would slow the fuzzer down.
    if case .success(let image) = decoded, image.width * image.height <= 1 << 16 {
        do {
            let again = try PNGDecoder.decode(try PNGEncoder.encode(image), source: "fuzz re-encoded")
            precondition(again == image, "re-encoding a decoded PNG changed its pixels")
        } catch {
            fatalError("a decoded image could not be re-encoded and decoded: \(error)")
        }
    }
}

/// `bytes` with the CRC of every chunk that fits recomputed (the chunk walk of a PNG reader).
func withCorrectCRCs(_ bytes: [UInt8]) -> [UInt8] {
    var result = bytes
    var offset = 8
    while offset + 12 <= result.count {
        let length = Int(result[offset]) << 24 | Int(result[offset + 1]) << 16 | Int(result[offset + 2]) << 8
            | Int(result[offset + 3])
        guard offset + 12 + length <= result.count else { break }
        let crc = crc32(result[(offset + 4)..<(offset + 8 + length)])
        for index in 0..<4 { result[offset + 8 + length + index] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * index)) }
        offset += 12 + length
    }
    return result
}

/// The PNG CRC-32, bitwise: independent of the zlib one under test.
func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
