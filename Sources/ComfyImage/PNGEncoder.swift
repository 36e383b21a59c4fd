import CShims
import Foundation

/// Encodes 8-bit RGB or RGBA as PNG with libpng's classic API (chosen zlib level, tEXt chunks).
///
/// The classic API at zlib level 1 is ~20× faster than the simplified writer's defaults, which
/// matters for diff pictures; level 4 with RGB is what ComfyUI's SaveImage writes.
public enum PNGEncoder {
    /// Encodes packed RGB the way ComfyUI's SaveImage does (8-bit RGB, zlib 4, tEXt before IDAT).
    public static func encode(
        rgb: [UInt8], width: Int, height: Int, text: [(key: String, value: String)] = [], zlibLevel: Int = 4
    ) throws -> [UInt8] {
        guard rgb.count == width * height * 3 else {
            throw ImageError(
                source: "<memory>",
                message: "RGB buffer holds \(rgb.count) bytes, \(width)x\(height) needs \(width * height * 3)")
        }
        return try encode(pixels: rgb, channels: 3, width: width, height: height, text: text, zlibLevel: zlibLevel)
    }

    /// Encodes an RGBA image (zlib level 1 by default: diff pictures are written once and thrown away).
    public static func encode(
        _ image: RGBAImage, text: [(key: String, value: String)] = [], zlibLevel: Int = 1
    ) throws -> [UInt8] {
        try encode(
            pixels: image.pixels, channels: 4, width: image.width, height: image.height, text: text,
            zlibLevel: zlibLevel)
    }

    private static func encode(
        pixels: [UInt8], channels: Int32, width: Int, height: Int, text: [(key: String, value: String)],
        zlibLevel: Int
    ) throws -> [UInt8] {
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw ImageError(source: "<memory>", message: "cannot encode a \(width)x\(height) image")
        }
        guard (0...9).contains(zlibLevel) else {
            throw ImageError(source: "<memory>", message: "zlib level \(zlibLevel) is not in 0...9")
        }
        for entry in text {
            // PNG keywords: 1-79 bytes, no NUL; libpng would silently drop a bad one.
            guard (1...79).contains(entry.key.utf8.count), !entry.key.utf8.contains(0), !entry.value.utf8.contains(0)
            else {
                throw ImageError(
                    source: "<memory>", message: "invalid PNG text key \"\(entry.key)\"",
                    hint: "keys are 1-79 characters, keys and values without NUL")
            }
        }
        let keys = text.map { strdup($0.key) }
        let values = text.map { strdup($0.value) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        var output = chs_buffer()
        defer { chs_buffer_free(&output) }
        var error = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { pixelBuffer in
            keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
                values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuePointers in
                    chs_png_encode(
                        pixelBuffer.baseAddress, UInt32(width), UInt32(height), channels, Int32(zlibLevel),
                        keyPointers.baseAddress, valuePointers.baseAddress, Int32(text.count), &output,
                        &error, error.count)
                }
            }
        }
        guard status == 0, let bytes = output.bytes else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError(
                source: "<memory>", message: "PNG encoding failed: \(message.isEmpty ? "out of memory" : message)")
        }
        return [UInt8](UnsafeBufferPointer(start: bytes, count: output.length))
    }
}
