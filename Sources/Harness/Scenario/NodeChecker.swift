import ComfyClient
import Foundation

/// Validates one workflow's node inputs against their `/object_info` schemas, collecting diagnostics.
struct NodeChecker {
    let workflow: WorkflowSpec
    let nodes: [String: JSONValue]
    let schemas: (String) -> NodeSchema?
    var diagnostics: [Diagnostic] = []

    init(workflow: WorkflowSpec, nodes: [String: JSONValue], schemas: @escaping (String) -> NodeSchema?) {
        self.workflow = workflow
        self.nodes = nodes
        self.schemas = schemas
    }

    private var source: String { workflow.sourcePath ?? "workflow '\(workflow.name)'" }

    mutating func error(_ message: String, node: String, input: String? = nil, hint: String? = nil) {
        let location = input.map { workflow.locations.input(node, $0) } ?? workflow.locations.node(node)
        // When the position is the scenario's entry, name the workflow file so the node can be found.
        let where_ = location == workflow.locations.entry && workflow.sourcePath != nil ? " in \(source)" : ""
        diagnostics.append(.error(message + where_, at: location, hint: hint))
    }

    mutating func checkInputs(of id: String, schema: NodeSchema) {
        let inputs = nodes[id]?["inputs"]?.objectValue ?? [:]
        for name in schema.requiredInputs where inputs[name] == nil {
            error(
                "node \(id) (\(schema.className)): required input '\(name)' is missing", node: id,
                hint: Suggestion.didYouMean(name, among: Array(inputs.keys)).map { "'\(name)' is required; \($0)" })
        }
        for name in inputs.keys.sorted() {
            guard let spec = schema.input(name) else { continue }  // ComfyUI ignores undeclared inputs
            let value = inputs[name]!
            if let link = value.arrayValue {
                checkLink(link, input: spec, node: id, schema: schema)
            } else {
                checkConstant(value, input: spec, node: id, schema: schema)
            }
        }
    }

    private mutating func checkLink(_ link: [JSONValue], input: NodeSchema.Input, node id: String, schema: NodeSchema) {
        let label = "node \(id) (\(schema.className)) input '\(input.name)'"
        guard link.count == 2, let sourceID = link[0].stringValue, let index = link[1].intValue,
            let sourceClass = nodes[sourceID]?["class_type"]?.stringValue
        else {
            error("\(label) links to a node that does not exist", node: id, input: input.name)
            return
        }
        guard let source = schemas(sourceClass) else { return }  // reported as an unknown class
        guard source.outputs.indices.contains(index) else {
            error(
                "\(label) links to output \(index) of node \(sourceID) (\(sourceClass)), which has \(source.outputs.count) output(s)",
                node: id, input: input.name,
                hint: source.outputs.isEmpty
                    ? nil
                    : "outputs: "
                        + source.outputs.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", "))
            return
        }
        let received = source.outputs[index]
        if !Self.typesMatch(received: received, expected: input.type) {
            error(
                "\(label) expects \(input.type) but node \(sourceID) output \(index) is \(received)", node: id,
                input: input.name)
        }
    }

    /// ComfyUI's rule: `*` matches anything, and comma-separated types match when they share a member.
    static func typesMatch(received: String, expected: String) -> Bool {
        if received == expected || received == "*" || expected == "*" { return true }
        if expected == "COMBO" { return received == "COMBO" }
        let a = Set(received.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let b = Set(expected.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return !a.isDisjoint(with: b)
    }

    private mutating func checkConstant(
        _ value: JSONValue, input: NodeSchema.Input, node id: String, schema: NodeSchema
    ) {
        let label = "node \(id) (\(schema.className)) input '\(input.name)'"
        if let options = input.options {
            guard !options.contains(where: { Self.equal($0, value) }) else { return }
            let shown = options.prefix(8).map(Self.display).joined(separator: ", ") + (options.count > 8 ? ", …" : "")
            let hint =
                options.isEmpty
                ? "the server lists no options for '\(input.name)': is the model or file installed?"
                : (Suggestion.didYouMean(value.stringValue ?? "", among: options.compactMap(\.stringValue))
                    ?? "options: \(shown)")
            error(
                "\(label): \(Self.display(value)) is not among the server's \(options.count) option(s)", node: id,
                input: input.name, hint: hint)
            return
        }
        switch input.type {
        case "INT", "FLOAT":
            guard let number = value.doubleValue else {
                error("\(label) expects \(input.type), found \(Self.display(value))", node: id, input: input.name)
                return
            }
            if input.type == "INT" && number.rounded() != number {
                error("\(label) expects an integer, found \(Self.display(value))", node: id, input: input.name)
            }
            if let min = input.min, number < min {
                error(
                    "\(label): \(Self.display(value)) is below the minimum \(Self.format(min))", node: id,
                    input: input.name)
            }
            if let max = input.max, number > max {
                error(
                    "\(label): \(Self.display(value)) is above the maximum \(Self.format(max))", node: id,
                    input: input.name)
            }
        case "BOOLEAN":
            if value.boolValue == nil {
                error(
                    "\(label) expects true or false, found \(Self.display(value))", node: id, input: input.name,
                    hint: "ComfyUI reads any non-empty string as true; send a JSON boolean")
            }
        case "STRING":
            if value.stringValue == nil && value.doubleValue == nil {
                error("\(label) expects a string, found \(Self.display(value))", node: id, input: input.name)
            }
        default: break  // link types given a constant, or custom widget types: the server decides
        }
    }

    /// Combo equality: JSON numbers compare by value (`1` equals `1.0`).
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return a == b
    }

    static func display(_ value: JSONValue) -> String {
        if let text = value.stringValue { return "'\(text)'" }
        return String(decoding: value.serialized(), as: UTF8.self)
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e18 ? String(Int64(number)) : String(number)
    }
}
