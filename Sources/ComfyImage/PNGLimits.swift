/// Size limits checked against the PNG header before any pixel memory is allocated.
public struct PNGLimits: Sendable, Equatable {
    public var maxWidth: Int
    public var maxHeight: Int
    public var maxPixels: Int

    public init(maxWidth: Int = 16384, maxHeight: Int = 16384, maxPixels: Int = 268_435_456) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
    }

    /// 16384×16384 and 268M pixels (1 GiB of RGBA): above any diffusion model output.
    public static let `default` = PNGLimits()

    /// Why `header` is refused, or nil when it fits.
    func violation(of header: PNGHeader) -> String? {
        if header.width > maxWidth {
            return "width \(header.width) exceeds the limit of \(maxWidth)"
        }
        if header.height > maxHeight {
            return "height \(header.height) exceeds the limit of \(maxHeight)"
        }
        if header.width * header.height > maxPixels {
            return "\(header.width)x\(header.height) exceeds the limit of \(maxPixels) pixels"
        }
        return nil
    }
}
