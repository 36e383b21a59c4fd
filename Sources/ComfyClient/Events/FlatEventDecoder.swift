/// The fast path of `ComfyEventDecoder` for the small flat messages that make up most of a prompt's
/// events (`executing`, `progress`, `execution_start`, `execution_success`, `execution_cached`, and
/// `status` with only its queue length): reads `{"type": …, "data": {…}}` in one pass, without building
/// a `JSONValue` tree.
///
/// Why: at one prompt in flight, building a dictionary per message (and hashing its keys) was about
/// 5% of the driver's CPU. The general decoder stays the reference: whenever a message is not exactly
/// the plain shape handled here (another member, a nested value, an escape, a wrong type, a missing
/// field, a duplicate key, trailing bytes), this returns nil and the general decoder takes it, with
/// its errors. A test and the `event` fuzz target check that both give the same event.
enum FlatEventDecoder {
    /// A scalar member of `data`, as the general parser would read it.
    private indirect enum Scalar {
        case null
        case int(Int)
        case double(Double)
        case string(String)
        case strings([String])
        /// `{"exec_info": {"queue_remaining": <number>}}`, the whole of a `status` message's `status`.
        case queue(Scalar)

        var optionalString: String?? {
            switch self {
            case .null: return .some(nil)
            case .string(let text): return .some(text)
            default: return nil
            }
        }

        var int64: Int64? {
            switch self {
            case .int(let value): return Int64(value)
            case .double(let value) where value.rounded() == value && abs(value) < 9.0e15: return Int64(value)
            default: return nil
            }
        }

        var double: Double? {
            switch self {
            case .int(let value): return Double(value)
            case .double(let value): return value
            default: return nil
            }
        }
    }

    /// The members of `data` this path reads; any other name sends the message to the general decoder.
    private enum Key {
        case promptID, node, displayNode, timestamp, value, max, nodes, status, sid

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            if Scanner.equal(name, "prompt_id") {
                self = .promptID
            } else if Scanner.equal(name, "node") {
                self = .node
            } else if Scanner.equal(name, "display_node") {
                self = .displayNode
            } else if Scanner.equal(name, "timestamp") {
                self = .timestamp
            } else if Scanner.equal(name, "value") {
                self = .value
            } else if Scanner.equal(name, "max") {
                self = .max
            } else if Scanner.equal(name, "nodes") {
                self = .nodes
            } else if Scanner.equal(name, "status") {
                self = .status
            } else if Scanner.equal(name, "sid") {
                self = .sid
            } else {
                return nil
            }
        }
    }

    /// The members of `data` that were present (fields, not a dictionary: nothing to allocate or hash).
    private struct Members {
        private var promptID, node, displayNode, timestamp, value, max, nodes, status, sid: Scalar?

        subscript(key: Key) -> Scalar? {
            get {
                switch key {
                case .promptID: return promptID
                case .node: return node
                case .displayNode: return displayNode
                case .timestamp: return timestamp
                case .value: return value
                case .max: return max
                case .nodes: return nodes
                case .status: return status
                case .sid: return sid
                }
            }
            set {
                switch key {
                case .promptID: promptID = newValue
                case .node: node = newValue
                case .displayNode: displayNode = newValue
                case .timestamp: timestamp = newValue
                case .value: value = newValue
                case .max: max = newValue
                case .nodes: nodes = newValue
                case .status: status = newValue
                case .sid: sid = newValue
                }
            }
        }

        /// `string(key)` of the general decoder: present and a string.
        func string(_ key: Key) -> String? {
            if case .string(let text)? = self[key] { return text }
            return nil
        }

        /// No `status` or `sid` member (they belong to `status` messages only).
        var hasNoStatus: Bool { status == nil && sid == nil }

        /// `optionalString(key)`: absent or null is `.some(nil)`; another type is nil (not handled).
        func optionalString(_ key: Key) -> String?? {
            guard let scalar = self[key] else { return .some(nil) }
            return scalar.optionalString
        }
    }

    /// The event, or nil when the message is not one this path handles exactly.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> ComfyEvent? {
        var scanner = Scanner(bytes: bytes.assumingMemoryBound(to: UInt8.self))
        guard let (type, members) = scanner.envelope() else { return nil }
        switch type {
        case .executing:
            guard let promptID = members.optionalString(.promptID), let node = members.optionalString(.node),
                let displayNode = members.optionalString(.displayNode), members[.timestamp] == nil,
                members[.value] == nil, members[.max] == nil, members[.nodes] == nil, members.hasNoStatus
            else { return nil }
            return .executing(promptID: promptID, node: node, displayNode: displayNode)
        case .progress:
            guard let promptID = members.optionalString(.promptID), let node = members.optionalString(.node),
                let value = members[.value]?.double, let max = members[.max]?.double,
                members[.displayNode] == nil, members[.timestamp] == nil, members[.nodes] == nil, members.hasNoStatus
            else { return nil }
            return .progress(promptID: promptID, node: node, value: value, max: max)
        case .executionStart, .executionSuccess:
            guard let promptID = members.string(.promptID), let timestamp = members[.timestamp]?.int64,
                members[.node] == nil, members[.displayNode] == nil, members[.value] == nil,
                members[.max] == nil, members[.nodes] == nil, members.hasNoStatus
            else { return nil }
            return type == .executionStart
                ? .executionStart(promptID: promptID, timestamp: timestamp)
                : .executionSuccess(promptID: promptID, timestamp: timestamp)
        case .executionCached:
            guard let promptID = members.string(.promptID), let timestamp = members[.timestamp]?.int64,
                members[.node] == nil, members[.displayNode] == nil, members[.value] == nil, members[.max] == nil,
                members.hasNoStatus
            else { return nil }
            let nodes: [String]
            switch members[.nodes] {
            case nil, .null?: nodes = []
            case .strings(let names)?: nodes = names
            default: return nil
            }
            return .executionCached(promptID: promptID, nodes: nodes, timestamp: timestamp)
        case .status:
            guard case .queue(let remaining)? = members[.status], let queue = remaining.int64,
                let sid = members.optionalString(.sid), members[.promptID] == nil, members[.node] == nil,
                members[.displayNode] == nil, members[.timestamp] == nil, members[.value] == nil,
                members[.max] == nil, members[.nodes] == nil
            else { return nil }
            return .status(queueRemaining: Int(queue), sid: sid)
        }
    }

    /// The message types handled here.
    private enum MessageType {
        case executing, progress, executionStart, executionSuccess, executionCached, status
    }

    /// A one-pass reader of the envelope. Every method returns nil (or false) as soon as the text
    /// leaves the plain shape; it never throws and never reads past the buffer.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        /// `{"type": "<handled type>", "data": {<scalar members>}}` in either order, then only whitespace.
        mutating func envelope() -> (MessageType, Members)? {
            var type: MessageType?
            var members: Members?
            skipWhitespace()
            guard consume(UInt8(ascii: "{")) else { return nil }
            while true {
                skipWhitespace()
                guard let name = plainString() else { return nil }
                skipWhitespace()
                guard consume(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                if Self.equal(name, "type") {
                    guard type == nil, let text = plainString(), let known = Self.messageType(text) else { return nil }
                    type = known
                } else if Self.equal(name, "data") {
                    guard members == nil, let data = dataObject() else { return nil }
                    members = data
                } else {
                    return nil
                }
                skipWhitespace()
                if consume(UInt8(ascii: ",")) { continue }
                guard consume(UInt8(ascii: "}")) else { return nil }
                break
            }
            skipWhitespace()
            guard index == bytes.count, let type, let members else { return nil }
            return (type, members)
        }

        private mutating func dataObject() -> Members? {
            guard consume(UInt8(ascii: "{")) else { return nil }
            var members = Members()
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return members }
            while true {
                skipWhitespace()
                guard let name = plainString(), let key = Key(name), members[key] == nil
                else { return nil }
                skipWhitespace()
                guard consume(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                guard let value = key == .status ? queueStatus() : scalar() else { return nil }
                members[key] = value
                skipWhitespace()
                if consume(UInt8(ascii: ",")) { continue }
                return consume(UInt8(ascii: "}")) ? members : nil
            }
        }

        private mutating func scalar() -> Scalar? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return plainString().map { .string(String(decoding: $0, as: UTF8.self)) }
            case UInt8(ascii: "n"):
                guard bytes.count - index >= 4, bytes[index + 1] == UInt8(ascii: "u"),
                    bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
                else { return nil }
                index += 4
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return number()
            case UInt8(ascii: "["):
                return stringArray()
            default:
                return nil
            }
        }

        /// `{"exec_info": {"queue_remaining": <number>}}` and nothing else.
        private mutating func queueStatus() -> Scalar? {
            guard consume(UInt8(ascii: "{")) else { return nil }
            skipWhitespace()
            guard let outer = plainString(), Self.equal(outer, "exec_info") else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: "{")) else { return nil }
            skipWhitespace()
            guard let inner = plainString(), Self.equal(inner, "queue_remaining") else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")),
                let number = number()
            else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: "}")) else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: "}")) else { return nil }
            return .queue(number)
        }

        private mutating func stringArray() -> Scalar? {
            index += 1
            var names: [String] = []
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return .strings(names) }
            while true {
                skipWhitespace()
                guard let name = plainString() else { return nil }
                names.append(String(decoding: name, as: UTF8.self))
                skipWhitespace()
                if consume(UInt8(ascii: ",")) { continue }
                return consume(UInt8(ascii: "]")) ? .strings(names) : nil
            }
        }

        /// A number exactly as the general parser reads it (the same token reader).
        private mutating func number() -> Scalar? {
            guard case .value(let value, let end) = JSONNumberToken.read(bytes, at: index) else { return nil }
            index = end
            switch value {
            case .int(let number): return .int(number)
            case .double(let number): return .double(number)
            default: return nil
            }
        }

        /// The bytes of a string without escapes or control characters (those go to the general parser).
        private mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
                }
                guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
                index += 1
            }
            return nil
        }

        private mutating func consume(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
            guard bytes.count == name.utf8CodeUnitCount else { return false }
            let start = name.utf8Start
            for offset in 0..<bytes.count where bytes[offset] != start[offset] { return false }
            return true
        }

        private static func messageType(_ bytes: UnsafeBufferPointer<UInt8>) -> MessageType? {
            if equal(bytes, "executing") { return .executing }
            if equal(bytes, "progress") { return .progress }
            if equal(bytes, "execution_start") { return .executionStart }
            if equal(bytes, "execution_success") { return .executionSuccess }
            if equal(bytes, "execution_cached") { return .executionCached }
            if equal(bytes, "status") { return .status }
            return nil
        }
    }
}
