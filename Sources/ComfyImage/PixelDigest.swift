import CShims

/// A 128-bit digest of a PNG's pixels that ignores metadata chunks, zlib level and row filters.
///
/// Two PNGs with equal digests decode to equal RGBA, so a regression check can call them IDENTICAL
/// without decoding either. Computed in C on the unfiltered scanlines (libpng classic API, no
/// colour transforms) plus the IHDR, PLTE, tRNS and gamma; the reverse does not hold: the same
/// pixels stored as another colour type or bit depth get a different digest (then decode and compare).
public struct PixelDigest: Sendable, Hashable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Digests PNG bytes; refuses what the decoder would refuse (corrupt, truncated, over `limits`).
    public static func of(_ bytes: [UInt8], source: String = "<memory>", limits: PNGLimits = .default) throws
        -> PixelDigest
    {
        let header = try PNGHeader(bytes: bytes, source: source)
        if let violation = limits.violation(of: header) {
            throw ImageError(source: source, message: "refusing to digest: \(violation)")
        }
        try PNGChunkLayout.validate(bytes, source: source, header: header)
        var digest: (UInt64, UInt64) = (0, 0)
        var error = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            withUnsafeMutableBytes(of: &digest) { raw in
                chs_png_pixel_digest(
                    buffer.baseAddress, buffer.count, raw.baseAddress!.assumingMemoryBound(to: UInt64.self),
                    &error, error.count)
            }
        }
        guard status == 0 else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError(source: source, message: "corrupt PNG: \(message.isEmpty ? "libpng error" : message)")
        }
        return PixelDigest(high: digest.0, low: digest.1)
    }

    /// 32 hex digits, for manifests and logs.
    public var description: String {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(high) + hex(low)
    }

    /// Parses the 32-hex-digit form written by `description` (e.g. from a baseline manifest).
    public init?(hex: String) {
        guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16),
            let low = UInt64(hex.suffix(16), radix: 16)
        else { return nil }
        self.init(high: high, low: low)
    }
}
