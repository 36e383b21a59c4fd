/// Reads one JSON number token, the one way both `JSONParser` and `FlatEventDecoder` read numbers:
/// an integer that fits `Int` stays `.int`, anything else must be a finite `.double`.
enum JSONNumberToken {
    enum Outcome {
        /// The value and the index just past the token.
        case value(JSONValue, end: Int)
        /// Why the text at `start` is not a number, and the offset to report.
        case failure(String, offset: Int)
    }

    /// The token starting at `start`, which must hold `-` or a digit.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Outcome {
        var index = start
        var isInteger = true
        func digits() -> Bool {
            let first = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index > first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() else { return .failure("expected a digit", offset: index) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard digits() else { return .failure("expected a digit after '.'", offset: index) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return .failure("expected a digit in the exponent", offset: index) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int(text) { return .value(.int(value), end: index) }
        guard let value = Double(text), value.isFinite else { return .failure("number out of range", offset: start) }
        return .value(.double(value), end: index)
    }
}
