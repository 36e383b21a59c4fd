import ComfyClient
import Yams

extension Node {
    /// The resolved tag (`Tag.name` is internal to Yams; its raw value is public).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }

    /// The scalar's text, whatever its resolved type; nil for lists and mappings.
    var scalarString: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// What the node is, for "expected X, found Y" messages: `a list`, `the integer 4`, `the string 'abc'`.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch tagName {
            case .null: return "nothing (null)"
            case .bool: return "the boolean \(scalar.string)"
            case .int: return "the integer \(scalar.string)"
            case .float: return "the number \(scalar.string)"
            default: return "the string '\(scalar.string)'"
            }
        }
    }

    /// A hint for a plain scalar YAML read as another type (`yes`, `1.0`) where a string was wanted.
    var quoteHint: String? {
        if case .scalar = self, tagName != .null { return "quote it to make it a string" }
        return nil
    }

    /// The node as JSON: quoted scalars are strings, plain ones follow YAML's core types.
    var jsonValue: JSONValue {
        switch self {
        case .scalar(let scalar):
            switch tagName {
            case .null: return .null
            case .bool: return bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int:
                if let value = int { return .int(value) }
                return float.map(JSONValue.double) ?? .string(scalar.string)
            case .float:
                guard let value = float, value.isFinite else { return .string(scalar.string) }
                return .double(value)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence): return .array(sequence.map(\.jsonValue))
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping { members[key.scalarString ?? ""] = value.jsonValue }
            return .object(members)
        case .alias: return .null
        }
    }

    /// A mark-less node built from JSON, used when libyaml rejects a JSON scenario that JSONDecoder accepts.
    init(json: JSONValue) {
        switch json {
        case .null: self = Node("null", Tag(.null))
        case .bool(let value): self = Node(value ? "true" : "false", Tag(.bool))
        case .int(let value): self = Node(String(value), Tag(.int))
        case .double(let value): self = Node(String(value), Tag(.float))
        case .string(let value): self = Node(value, Tag(.str), .doubleQuoted)
        case .array(let values): self = Node(values.map(Node.init(json:)))
        case .object(let members):
            self = Node(members.sorted { $0.key < $1.key }.map { (Node($0.key, Tag(.str)), Node(json: $0.value)) })
        }
    }
}
