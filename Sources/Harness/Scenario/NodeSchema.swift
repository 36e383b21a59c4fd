import ComfyClient

/// The parts of one `/object_info` class entry that validation needs: declared inputs and output types.
struct NodeSchema {
    /// One declared input: its type (or combo options) and its limits.
    struct Input {
        let name: String
        let required: Bool
        /// `INT`, `FLOAT`, `STRING`, `BOOLEAN`, `COMBO`, or a link type such as `MODEL`, `IMAGE`, `*`.
        let type: String
        /// Combo choices: V1 `[[opt, …], {…}]` or V3 `["COMBO", {"options": [...]}]`.
        let options: [JSONValue]?
        let min: Double?
        let max: Double?
        let controlAfterGenerate: Bool
    }

    let className: String
    let inputs: [String: Input]
    let outputs: [String]
    let isOutputNode: Bool

    func input(_ name: String) -> Input? { inputs[name] }
    var requiredInputs: [String] { inputs.values.filter(\.required).map(\.name).sorted() }

    /// The schema of `className` in an `/object_info` dictionary.
    ///
    /// Also accepts the `/object_info/{class}` reply shape `{"<class>": {…}}` stored under the class name.
    static func lookup(in objectInfo: [String: JSONValue]) -> (String) -> NodeSchema? {
        { className in
            guard var entry = objectInfo[className] else { return nil }
            if entry["input"] == nil, let inner = entry[className] { entry = inner }
            return NodeSchema(className: className, entry: entry)
        }
    }

    init?(className: String, entry: JSONValue) {
        guard case .object = entry else { return nil }
        self.className = className
        var inputs: [String: Input] = [:]
        for (section, required) in [("optional", false), ("required", true)] {
            for (name, spec) in entry["input"]?[section]?.objectValue ?? [:] {
                inputs[name] = Self.parseInput(name: name, spec: spec, required: required)
            }
        }
        self.inputs = inputs
        outputs = entry["output"]?.arrayValue?.map { $0.stringValue ?? "*" } ?? []
        isOutputNode = entry["output_node"]?.boolValue ?? false
    }

    private static func parseInput(name: String, spec: JSONValue, required: Bool) -> Input {
        let head = spec[0]
        let config = spec[1] ?? .object([:])
        var type = head?.stringValue ?? "*"
        var options: [JSONValue]?
        if let list = head?.arrayValue {
            type = "COMBO"
            options = list
        } else if type == "COMBO" {
            options = config["options"]?.arrayValue ?? []
        }
        return Input(
            name: name, required: required, type: type, options: options, min: config["min"]?.doubleValue,
            max: config["max"]?.doubleValue, controlAfterGenerate: config["control_after_generate"]?.boolValue ?? false)
    }
}
