/// The IHDR fields of a PNG, read without decoding anything else.
public struct PNGHeader: Sendable, Equatable {
    /// The PNG colour types (IHDR byte 9).
    public enum ColorType: UInt8, Sendable {
        case gray = 0
        case rgb = 2
        case palette = 3
        case grayAlpha = 4
        case rgba = 6
    }

    public let width: Int
    public let height: Int
    public let bitDepth: Int
    public let colorType: ColorType
    public let interlaced: Bool

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Parses the signature and the IHDR chunk that must follow it.
    init(bytes: [UInt8], source: String) throws {
        guard !bytes.isEmpty else {
            throw ImageError(source: source, message: "empty file, not a PNG", hint: "was the download cut off?")
        }
        guard bytes.count >= 8, Array(bytes[0..<8]) == Self.signature else {
            throw ImageError(source: source, message: "not a PNG file (bad signature)", hint: Self.guessFormat(bytes))
        }
        // Signature (8) + length (4) + "IHDR" (4) + 13 data bytes + CRC (4).
        guard bytes.count >= 33 else {
            throw ImageError(source: source, message: "truncated PNG: \(bytes.count) bytes, header incomplete")
        }
        guard Self.uint32(bytes, 8) == 13, bytes[12..<16].elementsEqual("IHDR".utf8) else {
            throw ImageError(source: source, message: "corrupt PNG: the first chunk is not a 13-byte IHDR")
        }
        let width = Int(Self.uint32(bytes, 16))
        let height = Int(Self.uint32(bytes, 20))
        let depth = Int(bytes[24])
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw ImageError(source: source, message: "corrupt PNG: invalid size \(width)x\(height)")
        }
        guard let colorType = ColorType(rawValue: bytes[25]), Self.isValid(depth: depth, for: colorType) else {
            throw ImageError(source: source, message: "corrupt PNG: bit depth \(depth) with colour type \(bytes[25])")
        }
        self.width = width
        self.height = height
        self.bitDepth = depth
        self.colorType = colorType
        self.interlaced = bytes[28] == 1
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    private static func isValid(depth: Int, for type: ColorType) -> Bool {
        switch type {
        case .gray: [1, 2, 4, 8, 16].contains(depth)
        case .palette: [1, 2, 4, 8].contains(depth)
        case .rgb, .grayAlpha, .rgba: depth == 8 || depth == 16
        }
    }

    /// A hint naming the format a non-PNG file looks like (an HTML error page is the usual suspect).
    private static func guessFormat(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "this is a JPEG" }
        if bytes.starts(with: Array("RIFF".utf8)) { return "this looks like WebP" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "this is a GIF" }
        let head = String(decoding: bytes.prefix(64), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype") { return "the server sent an HTML page" }
        if head.hasPrefix("{") { return "the server sent JSON (an error reply?)" }
        return nil
    }
}
