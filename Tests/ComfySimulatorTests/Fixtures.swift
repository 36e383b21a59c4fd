import Foundation
import Testing

@testable import ComfySimulator

/// Loads the recorded ComfyUI 0.8.0 transcripts (order-preserving JSON).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/comfyui-0.8.0")

    static func load(_ name: String) throws -> SimJSON {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try SimJSON.parse([UInt8](data))
    }

    /// The `type` strings of a recorded `ws` array (text frames only).
    static func messageTypes(_ ws: SimJSON?) -> [String] {
        (ws?.arrayValue ?? []).compactMap { $0["text"]?["type"]?.stringValue }
    }
}

/// Structural comparison: same keys at every level, same JSON types; values may differ.
enum Shape {
    /// Differences between `actual` and `expected`, as paths; empty when the shapes match.
    /// Arrays are compared element-wise up to the shorter length (lengths are data, not shape),
    /// except that an empty expected array demands nothing.
    static func differences(_ actual: SimJSON, _ expected: SimJSON, path: String = "$", dynamicKeys: Bool = false)
        -> [String]
    {
        switch (actual, expected) {
        case (.object(let a), .object(let e)):
            if dynamicKeys {
                // Keys are ids (prompt ids, node ids): compare every value against the first expected one.
                guard let template = e.first?.value else { return [] }
                return a.flatMap { pair in
                    let match = e.first { $0.key == pair.key }?.value ?? template
                    return differences(pair.value, match, path: "\(path).\(pair.key)")
                }
            }
            let ak = a.map(\.key)
            let ek = e.map(\.key)
            var out: [String] = []
            if Set(ak) != Set(ek) { out.append("\(path): keys \(ak) vs expected \(ek)") }
            for (key, value) in e {
                if let other = a.first(where: { $0.key == key })?.value {
                    out += differences(other, value, path: "\(path).\(key)", dynamicKeys: idKeyed(key))
                }
            }
            return out
        case (.array(let a), .array(let e)):
            return zip(a, e).enumerated().flatMap {
                differences($0.element.0, $0.element.1, path: "\(path)[\($0.offset)]")
            }
        default:
            return kind(actual) == kind(expected) ? [] : ["\(path): \(kind(actual)) vs expected \(kind(expected))"]
        }
    }

    /// Objects whose keys are ids rather than field names.
    static func idKeyed(_ key: String) -> Bool {
        ["nodes", "outputs", "meta", "node_errors"].contains(key)
    }

    static func kind(_ value: SimJSON) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .double: return "float"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
