import ComfyClient
import Foundation
import Testing

@Suite("JSONValue parser and writer")
struct JSONValueTests {
    @Test("values, escapes and surrogate pairs parse; integers stay integers")
    func parsesEverything() throws {
        let text = #"{"a": [1, -2, 3.5, 1e3, true, false, null], "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83e\udd8a", "big": 9007199254740993}"#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"] == .array([.int(1), .int(-2), .double(3.5), .double(1000), .bool(true), .bool(false), .null]))
        #expect(value["s"]?.stringValue == "q\"\\/\u{08}\u{0C}\n\r\té🦊")
        #expect(value["big"] == .int(9_007_199_254_740_993))
    }

    @Test("the writer's output parses back to the same value, keys sorted")
    func roundTrip() throws {
        let value: JSONValue = .object([
            "z": .string("line\nbreak \"quoted\" \u{01}"), "a": .array([.int(42), .double(0.25), .null]),
            "m": .object(["x": .bool(true)]),
        ])
        let bytes = value.serialized()
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(#"{"a":[42,0.25,null],"m""#))
        #expect(try JSONValue.parse(bytes) == value)
        // Request bodies skip the sort; the value is the same.
        let unsorted = value.serializedBytes(sortedKeys: false)
        #expect(unsorted.count == bytes.count)
        #expect(try JSONValue.parse(bytes: unsorted) == value)
    }

    @Test("malformed input throws with the offset, never traps", arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "\"unterminated", "tru", "01x", "\"\\ud800\"", "[1] 2", "{\"a\":-}", "\"\u{01}\"",
    ])
    func rejects(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test("every recorded fixture parses the same as Foundation's JSONSerialization reads it")
    func fixturesAgreeWithFoundation() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/comfyui-0.8.0")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 10)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let ours = try JSONValue.parse(data)
            let theirs = try JSONDecoder().decode(JSONValue.self, from: data)
            // JSONDecoder reads `7.0` as an Int; this parser keeps it a double, as Python wrote it.
            let same = Self.integralDoublesAsInts(ours) == Self.integralDoublesAsInts(theirs)
            #expect(same, "\(file)")
        }
    }

    static func integralDoublesAsInts(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return .int(Int(number))
        case .array(let elements): return .array(elements.map(integralDoublesAsInts))
        case .object(let members): return .object(members.mapValues(integralDoublesAsInts))
        default: return value
        }
    }
}
