import ComfyClient
import Yams

/// Typed reads of composed YAML nodes that report a diagnostic at the node instead of throwing.
struct YAMLReader {
    let file: String
    let sink: DiagnosticSink

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .start(of: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ message: String, at node: Node, hint: String? = nil) {
        sink.error(message, at: location(of: node), hint: hint)
    }

    /// Reads a mapping whose keys must be among `allowed`; unknown keys get a "did you mean" hint.
    func mapping(_ node: Node, _ what: String, allowed: [String]) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            error("expected a mapping for \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        var fields = YAMLMapping(node: node)
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalarString else {
                error("keys in \(what) must be plain names, found \(keyNode.kindDescription)", at: keyNode)
                continue
            }
            if !allowed.isEmpty && !allowed.contains(key) {
                let hint =
                    Suggestion.didYouMean(key, among: allowed)
                    ?? "known keys: \(allowed.joined(separator: ", "))"
                error("unknown key '\(key)' in \(what)", at: keyNode, hint: hint)
                continue
            }
            fields.entries.append((key, keyNode, value))
        }
        return fields
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, node.tagName == .str || scalar.style != .plain else {
            error("expected a string for \(what), found \(node.kindDescription)", at: node, hint: node.quoteHint)
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node, _ what: String, minimum: Int? = nil) -> Int? {
        if node.tagName == .int && node.int == nil {
            error("\(what) \(node.scalarString ?? "") is too large (the limit is \(Int.max))", at: node)
            return nil
        }
        guard node.tagName == .int, let value = node.int else {
            let hint = node.tagName == .str && Int(node.scalarString ?? "") != nil ? "remove the quotes" : nil
            error("expected an integer for \(what), found \(node.kindDescription)", at: node, hint: hint)
            return nil
        }
        if let minimum, value < minimum {
            error("\(what) must be at least \(minimum), found \(value)", at: node)
            return nil
        }
        return value
    }

    func double(_ node: Node, _ what: String, positive: Bool = false) -> Double? {
        guard node.tagName == .int || node.tagName == .float, let value = node.float, value.isFinite else {
            error("expected a number for \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        if positive && value <= 0 {
            error("\(what) must be greater than 0, found \(node.scalarString ?? "\(value)")", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard node.tagName == .bool, let value = node.bool else {
            error("expected true or false for \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        return value
    }

    /// A positive duration: `30s`, `1m30s`, `250ms`, or a bare number of seconds.
    func duration(_ node: Node, _ what: String) -> Duration? {
        guard case .scalar(let scalar) = node, node.tagName != .null else {
            error(
                "expected a duration for \(what), found \(node.kindDescription)", at: node,
                hint: "e.g. \(Quantity.Kind.duration.examples)")
            return nil
        }
        switch Quantity.parse(scalar.string, as: .duration) {
        case .failure(let problem):
            error("bad duration for \(what): \(problem.message)", at: node, hint: problem.hint)
            return nil
        case .success(let seconds) where seconds <= 0 || seconds > 1e9:
            error("\(what) must be a positive duration, found '\(scalar.string)'", at: node)
            return nil
        case .success(let seconds):
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
    }

    /// The items of a list; anything else is reported.
    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("expected a list for \(what), found \(node.kindDescription)", at: node)
            return nil
        }
        return Array(sequence)
    }
}

/// The accepted entries of a YAML mapping, in file order, with their key nodes for positions.
struct YAMLMapping {
    let node: Node
    var entries: [(key: String, keyNode: Node, value: Node)] = []

    subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    func keyNode(_ key: String) -> Node? {
        entries.first { $0.key == key }?.keyNode
    }

    func has(_ key: String) -> Bool { self[key] != nil }
}
