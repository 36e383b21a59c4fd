/// An order-preserving JSON value: ComfyUI answers keep prompt-dict order and tell ints from floats.
enum SimJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer literal outside Int64 (seeds go up to 2^64 - 1), kept as its decimal text.
    case bigInt(String)
    case double(Double)
    case string(String)
    case array([SimJSON])
    case object([(key: String, value: SimJSON)])

    static func == (lhs: SimJSON, rhs: SimJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bigInt(let a), .bigInt(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value under `key` of an object (first match), nil otherwise.
    subscript(key: String) -> SimJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    var objectPairs: [(key: String, value: SimJSON)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    var arrayValue: [SimJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// Numeric value as Double for any number case (big ints lose precision, fine for range checks).
    var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .bigInt(let s): return Double(s)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Integer value when the number is integral and fits Int64.
    var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    /// Builds an object from ordered pairs.
    static func obj(_ pairs: KeyValuePairs<String, SimJSON>) -> SimJSON {
        .object(pairs.map { (key: $0.key, value: $0.value) })
    }

    /// Sets or appends `key` keeping the position of an existing key.
    mutating func set(_ key: String, _ value: SimJSON) {
        guard case .object(var pairs) = self else { return }
        if let index = pairs.firstIndex(where: { $0.key == key }) {
            pairs[index].value = value
        } else {
            pairs.append((key: key, value: value))
        }
        self = .object(pairs)
    }

    /// Removes `key` from an object.
    mutating func remove(_ key: String) {
        guard case .object(let pairs) = self else { return }
        self = .object(pairs.filter { $0.key != key })
    }
}
