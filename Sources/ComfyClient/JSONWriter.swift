/// Writes a `JSONValue` as compact JSON with sorted keys: stable bytes for hashes and golden
/// files, and several times cheaper than `JSONEncoder` on the per-prompt submit path.
///
/// Its pieces (`writeString`, `writeNumber`, `writeRaw`) are public for hot writers that emit a known
/// shape directly (a `samples.jsonl` line) instead of building a `JSONValue` first.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// False writes object members in dictionary order: for request bodies, whose order no server
    /// reads and whose per-object sort was most of the cost of writing a workflow.
    public var sortsKeys = true

    public init(capacity: Int = 0, sortsKeys: Bool = true) {
        bytes.reserveCapacity(capacity)
        self.sortsKeys = sortsKeys
    }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): writeNumber(number)
        case .double(let number): writeNumber(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            if sortsKeys {
                // Sorting the pairs, not the keys: no hash lookup per member afterwards.
                for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                    writeMember(member.key, member.value, first: index == 0)
                }
            } else {
                for (index, member) in members.enumerated() {
                    writeMember(member.key, member.value, first: index == 0)
                }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMember(_ key: String, _ value: JSONValue, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        write(value)
    }

    public mutating func writeNumber(_ number: Int) {
        append(number.description)
    }

    /// JSON has no NaN or infinity (written as null); integral doubles keep a ".0" so they read back as doubles.
    public mutating func writeNumber(_ number: Double) {
        append(number.isFinite ? number.description : "null")
    }

    /// Bytes written as they are: punctuation and member names known to need no escape.
    public mutating func writeRaw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (ids, names, keys) need no escape: copy them whole, from their UTF-8 storage.
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
