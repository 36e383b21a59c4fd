import CPNG
import CShims
import Foundation

/// Decodes any PNG (every colour type and bit depth) to 8-bit RGBA with libpng's simplified API.
///
/// The simplified API reports errors as return values, so no `setjmp`/`longjmp` crosses Swift.
/// Sizes are checked against the IHDR (parsed here in Swift) before libpng or Swift allocates pixels.
public enum PNGDecoder {
    /// Decodes `bytes`; `source` names them in errors (a file path, a URL).
    public static func decode(
        _ bytes: [UInt8], source: String = "<memory>", limits: PNGLimits = .default
    ) throws -> RGBAImage {
        let header = try PNGHeader(bytes: bytes, source: source)
        if let violation = limits.violation(of: header) {
            throw ImageError(
                source: source, message: "refusing to decode: \(violation)",
                hint: "raise PNGLimits if such images are expected")
        }
        try PNGChunkLayout.validate(bytes, source: source, header: header)
        return try bytes.withUnsafeBytes { raw in
            // libpng reads from this memory until finish_read returns, so both calls stay in this closure.
            var image = png_image()
            image.version = chs_png_image_version
            defer { png_image_free(&image) }
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw ImageError(source: source, message: "corrupt PNG: \(Self.message(of: image))")
            }
            guard Int(image.width) == header.width, Int(image.height) == header.height else {
                throw ImageError(source: source, message: "corrupt PNG: libpng disagrees on the image size")
            }
            image.format = chs_png_format_rgba
            // Without this flag 16-bit samples are taken as linear and mid-grey 128 comes out as 186.
            image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
            let stride = header.width * 4
            let pixels = try [UInt8](unsafeUninitializedCapacity: stride * header.height) { buffer, count in
                count = buffer.count
                guard png_image_finish_read(&image, nil, buffer.baseAddress, Int32(stride), nil) != 0 else {
                    throw ImageError(source: source, message: "corrupt PNG: \(Self.message(of: image))")
                }
            }
            return RGBAImage(width: header.width, height: header.height, pixels: pixels)
        }
    }

    /// Reads width, height, bit depth and colour type from the IHDR chunk without decoding.
    public static func header(_ bytes: [UInt8], source: String = "<memory>") throws -> PNGHeader {
        try PNGHeader(bytes: bytes, source: source)
    }

    /// Reads and decodes a PNG file.
    public static func decodeFile(_ path: String, limits: PNGLimits = .default) throws -> RGBAImage {
        try decode(readFile(path), source: path, limits: limits)
    }

    /// The whole file as bytes, or an `ImageError` saying why not.
    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw ImageError(
                source: path,
                message: exists ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "no such file",
                hint: exists ? "check the file permissions" : "check the path (baselines are looked up per scenario)")
        }
        return [UInt8](data)
    }

    /// libpng's error text, kept in a fixed 64-byte array inside `png_image`.
    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = raw.prefix { $0 != 0 }
            return text.isEmpty ? "unknown libpng error" : String(decoding: text, as: UTF8.self)
        }
    }
}
