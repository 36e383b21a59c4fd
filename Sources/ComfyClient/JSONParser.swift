import Foundation

/// A JSON text that could not be parsed: where, and why.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let offset: Int
    public let reason: String

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A small recursive-descent JSON parser producing `JSONValue` directly.
///
/// Why not `JSONDecoder`: decoding an open-shaped `JSONValue` through `Decodable` means trying each
/// type in turn and throwing on every miss; profiling showed that at 60% of the harness's CPU on a
/// WebSocket full of small events. This parser reads each byte once and keeps integers exact.
struct JSONParser {
    /// Deeper nesting than any ComfyUI message; bounds the recursion on hostile input.
    static let maxDepth = 512

    /// A value to check but not build (it reads as `null`): the member `member` of any object at
    /// `depth` (0 is the document), or only element `element` of it when that member is an array.
    /// `/history` replies echo the whole submitted workflow, which the driver never reads; building it
    /// was half the cost of parsing each reply.
    struct SkipRule: Sendable {
        var depth: Int
        var member: String
        var element: Int?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let skip: SkipRule?
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, skipping skip: SkipRule? = nil) {
        self.bytes = bytes
        self.skip = skip
    }

    /// Parses one value that must span the whole input (surrounding whitespace allowed).
    mutating func parseDocument() throws -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected data after the value") }
        return value
    }

    private func error(_ reason: String) -> JSONParseError {
        JSONParseError(offset: index, reason: reason)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels") }
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func expect(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw error("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            if let skip, skip.depth == depth, key == skip.member {
                members[key] = try skippedMember(depth: depth + 1, element: skip.element)
            } else {
                members[key] = try parseValue(depth: depth + 1)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                throw error("expected ',' or '}'")
            }
        }
    }

    /// The value of a member named by the skip rule: checked, and `null` (or, for an array and an
    /// element number, the array with that element `null`).
    private mutating func skippedMember(depth: Int, element: Int?) throws -> JSONValue {
        guard let element else {
            try skipValue(depth: depth)
            return .null
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return try parseValue(depth: depth) }
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels") }
        return try parseArray(depth: depth, skippingElement: element)
    }

    private mutating func parseArray(depth: Int, skippingElement skipped: Int? = nil) throws -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if elements.count == skipped {
                try skipValue(depth: depth + 1)
                elements.append(.null)
            } else {
                elements.append(try parseValue(depth: depth + 1))
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                throw error("expected ',' or ']'")
            }
        }
    }

    /// Checks one value as `parseValue` would (it accepts and refuses the same text) without building it.
    private mutating func skipValue(depth: Int) throws {
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels") }
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            try skipContainer(depth: depth, close: UInt8(ascii: "}"), what: "an object") { parser in
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
                    throw parser.error("expected a member name")
                }
                try parser.skipString()
                parser.skipWhitespace()
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else {
                    throw parser.error("expected ':'")
                }
                parser.index += 1
                parser.skipWhitespace()
                try parser.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try skipContainer(depth: depth, close: UInt8(ascii: "]"), what: "an array") { parser in
                try parser.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    /// `{…}` or `[…]` with `element` checking each member or element, and the separators between them.
    private mutating func skipContainer(
        depth: Int, close: UInt8, what: String, element: (inout JSONParser) throws -> Void
    ) throws {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in \(what)") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == close {
                index += 1
                return
            } else {
                throw error(close == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'")
            }
        }
    }

    /// Checks a string as `parseString` would, building nothing unless it has escapes.
    private mutating func skipString() throws {
        index += 1
        var scratch: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                try appendEscape(to: &scratch)
                scratch.removeAll(keepingCapacity: true)
            case 0..<0x20:
                index -= 1
                throw error("control character in a string")
            default: break
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseNumber() throws -> JSONValue {
        switch JSONNumberToken.read(bytes, at: index) {
        case .value(let value, let end):
            index = end
            return value
        case .failure(let reason, let offset):
            throw JSONParseError(offset: offset, reason: reason)
        }
    }

    private mutating func parseString() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &scalars)
            case 0..<0x20:
                throw error("control character in a string")
            default:
                scalars.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func appendEscape(to out: inout [UInt8]) throws {
        guard index < bytes.count else { throw error("unterminated escape") }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by \u and a low surrogate.
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("unpaired surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid code point") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("invalid escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
