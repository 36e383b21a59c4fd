/// A structural check of a downloaded output, without decoding it: a PNG must be whole (its chunks,
/// walked by their lengths, end with IEND inside the bytes received). A proxy or a dying server can
/// send a complete HTTP reply of half an image; counting that as a good download would hide it.
enum DownloadCheck {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// What is wrong with `bytes` as the file `filename`, or nil when it looks whole (or is not a PNG).
    static func problem(in bytes: [UInt8], filename: String) -> String? {
        guard filename.lowercased().hasSuffix(".png") else { return nil }
        guard bytes.count >= 8, Array(bytes[0..<8]) == pngSignature else {
            return "not a PNG (\(bytes.count) bytes without the PNG signature)"
        }
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let end = offset + 12 + length
            guard end <= bytes.count else {
                return "truncated PNG: chunk \(type) at byte \(offset) needs \(end) bytes, the download has \(bytes.count)"
            }
            if type == "IEND" { return nil }
            offset = end
        }
        return "truncated PNG: \(bytes.count) bytes and no IEND chunk"
    }
}
