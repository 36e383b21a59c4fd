import CShims

/// Reads the text chunks (tEXt, zTXt, iTXt) ComfyUI writes before the image data: `prompt`, `workflow`.
public enum PNGTextReader {
    /// Every text chunk before IDAT, keyed by keyword (a repeated keyword keeps the first value).
    public static func read(_ bytes: [UInt8], source: String = "<memory>") throws -> [String: String] {
        _ = try PNGHeader(bytes: bytes, source: source)
        try PNGChunkLayout.validate(bytes, source: source, through: .beforeImageData)
        final class Collector {
            var texts: [String: String] = [:]
        }
        let collector = Collector()
        var error = [CChar](repeating: 0, count: 256)
        let status = withExtendedLifetime(collector) {
            bytes.withUnsafeBufferPointer { buffer in
                chs_png_read_text(
                    buffer.baseAddress, buffer.count,
                    { context, key, text, length in
                        guard let context, let key, let text else { return }
                        let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                        let name = String(cString: key)
                        let value = PNGTextReader.string(UnsafeRawBufferPointer(start: text, count: length))
                        if collector.texts[name] == nil { collector.texts[name] = value }
                    },
                    Unmanaged.passUnretained(collector).toOpaque(), &error, error.count)
            }
        }
        guard status == 0 else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError(
                source: source, message: "cannot read PNG text chunks: \(message.isEmpty ? "libpng error" : message)")
        }
        return collector.texts
    }

    /// tEXt is Latin-1 by the spec, iTXt UTF-8; ComfyUI writes ASCII JSON. Valid UTF-8 wins, else Latin-1.
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
