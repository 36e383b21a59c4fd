/// A decoded image: 8-bit RGBA, rows packed top to bottom, `width * height * 4` bytes.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// R, G, B, A for each pixel, row-major, no padding between rows.
    public var pixels: [UInt8]

    /// Wraps existing pixels; `pixels.count` must be `width * height * 4`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative image size")
        precondition(pixels.count == width * height * 4, "pixel buffer does not match \(width)x\(height) RGBA")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one colour (default opaque black).
    public init(width: Int, height: Int, fill: (r: UInt8, g: UInt8, b: UInt8, a: UInt8) = (0, 0, 0, 255)) {
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        pixels.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                buffer[index] = fill.r
                buffer[index + 1] = fill.g
                buffer[index + 2] = fill.b
                buffer[index + 3] = fill.a
                index += 4
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// Builds an image from packed 8-bit RGB (alpha becomes 255).
    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(rgb.count == width * height * 3, "RGB buffer does not match \(width)x\(height)")
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        pixels.withUnsafeMutableBufferPointer { out in
            rgb.withUnsafeBufferPointer { source in
                for pixel in 0..<(width * height) {
                    out[pixel * 4] = source[pixel * 3]
                    out[pixel * 4 + 1] = source[pixel * 3 + 1]
                    out[pixel * 4 + 2] = source[pixel * 3 + 2]
                }
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// The pixels without alpha (what ComfyUI's SaveImage writes).
    public var rgbBytes: [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        rgb.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { source in
                for pixel in 0..<(width * height) {
                    out[pixel * 3] = source[pixel * 4]
                    out[pixel * 3 + 1] = source[pixel * 4 + 1]
                    out[pixel * 3 + 2] = source[pixel * 4 + 2]
                }
            }
        }
        return rgb
    }

    /// The RGBA values of one pixel (for tests and spot checks, not for loops).
    public subscript(x: Int, y: Int) -> [UInt8] {
        let offset = (y * width + x) * 4
        return Array(pixels[offset..<offset + 4])
    }
}
