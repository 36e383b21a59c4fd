/// Fresh prompt ids: random (version 4) UUIDs in lower case, the form ComfyUI's front end sends.
///
/// Made from the standard library's system generator (one `getrandom` call) rather than Foundation's
/// `UUID()`, which on Linux opens, reads and closes `/dev/urandom` for every id: three syscalls per prompt.
enum PromptIdentifier {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        withUnsafeBytes(of: (generator.next() as UInt64, generator.next() as UInt64)) { raw in
            for index in 0..<16 { bytes[index] = raw[index] }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
