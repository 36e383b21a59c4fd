import Foundation

/// Typed access to the members of a JSON object, with errors that name the object and the field.
///
/// `context` is a readable path such as `execution_error.data`, used in every error message.
struct JSONFields {
    let members: [String: JSONValue]
    let context: String

    init(_ value: JSONValue?, context: String) throws {
        guard case .object(let members)? = value else {
            throw ComfyDecodingError("\(context): expected a JSON object, got \(JSONFields.kind(of: value))")
        }
        self.members = members
        self.context = context
    }

    static func parse(
        _ bytes: some Collection<UInt8>, context: String, skipping skip: JSONParser.SkipRule? = nil
    ) throws -> JSONValue {
        do {
            // Contiguous bytes (an array, a reply body) are parsed in place rather than copied first.
            let parsed = try bytes.withContiguousStorageIfAvailable { buffer in
                var parser = JSONParser(buffer, skipping: skip)
                return try parser.parseDocument()
            }
            return try parsed ?? JSONValue.parse(Data(bytes))
        } catch {
            throw ComfyDecodingError("\(context): not valid JSON (\(bytes.count) bytes)")
        }
    }

    /// `parse` on bytes in place (a WebSocket message still in its receive buffer).
    static func parse(utf8 bytes: UnsafeRawBufferPointer, context: String) throws -> JSONValue {
        do {
            var parser = JSONParser(bytes.assumingMemoryBound(to: UInt8.self))
            return try parser.parseDocument()
        } catch {
            throw ComfyDecodingError("\(context): not valid JSON (\(bytes.count) bytes)")
        }
    }

    func value(_ key: String) -> JSONValue? {
        members[key]
    }

    func string(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw missing(key, "a string") }
        return text
    }

    /// Nil when absent or `null`; throws when present with another type.
    func optionalString(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other: throw wrongType(key, "a string", other)
        }
    }

    func int64(_ key: String) throws -> Int64 {
        guard let number = try optionalInt64(key) else { throw missing(key, "an integer") }
        return number
    }

    func optionalInt64(_ key: String) throws -> Int64? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?:
            guard let number = value.intValue else { throw wrongType(key, "an integer", value) }
            return Int64(number)
        }
    }

    func double(_ key: String) throws -> Double {
        guard let number = try optionalDouble(key) else { throw missing(key, "a number") }
        return number
    }

    func optionalDouble(_ key: String) throws -> Double? {
        switch members[key] {
        case nil, .null?: return nil
        case let value?:
            guard let number = value.doubleValue else { throw wrongType(key, "a number", value) }
            return number
        }
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        switch members[key] {
        case nil, .null?: return fallback
        case .bool(let flag)?: return flag
        case let other: throw wrongType(key, "a boolean", other)
        }
    }

    /// An array of strings; absent or `null` gives `[]`.
    func stringArray(_ key: String) throws -> [String] {
        switch members[key] {
        case nil, .null?: return []
        case .array(let elements)?:
            return try elements.enumerated().map { index, element in
                guard case .string(let text) = element else {
                    throw ComfyDecodingError(
                        "\(context).\(key)[\(index)]: expected a string, got \(JSONFields.kind(of: element))"
                    )
                }
                return text
            }
        case let other: throw wrongType(key, "an array of strings", other)
        }
    }

    func object(_ key: String) throws -> JSONFields {
        try JSONFields(members[key], context: "\(context).\(key)")
    }

    func missing(_ key: String, _ expected: String) -> ComfyDecodingError {
        ComfyDecodingError("\(context).\(key): missing, expected \(expected)")
    }

    func wrongType(_ key: String, _ expected: String, _ actual: JSONValue?) -> ComfyDecodingError {
        ComfyDecodingError("\(context).\(key): expected \(expected), got \(JSONFields.kind(of: actual))")
    }

    static func kind(of value: JSONValue?) -> String {
        switch value {
        case nil: return "nothing"
        case .null?: return "null"
        case .bool?: return "a boolean"
        case .int?, .double?: return "a number"
        case .string?: return "a string"
        case .array?: return "an array"
        case .object?: return "an object"
        }
    }
}
