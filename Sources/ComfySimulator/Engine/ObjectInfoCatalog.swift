/// The node classes the simulator knows, with ComfyUI 0.8.0's `/object_info` schemas.
struct ObjectInfoCatalog: Sendable {
    /// Checkpoint names the simulated `models/checkpoints` folder holds (the recording's server had none).
    static let checkpointNames = ["sd_xl_base_1.0.safetensors", "v1-5-pruned-emaonly.safetensors"]

    /// Class name → the schema object (the value under the class key of `/object_info/{class}`).
    private(set) var schemas: [(name: String, schema: SimJSON)] = []
    private var index: [String: Int] = [:]

    init() {
        for text in [ObjectInfoData.recorded, ObjectInfoData.added] {
            guard let root = try? SimJSON.parse(text), let classes = root.objectPairs else { continue }
            for (name, body) in classes {
                // The recording wraps each class as its own `/object_info/{class}` reply.
                guard var schema = body[name] else { continue }
                if name == "CheckpointLoaderSimple" {
                    schema = Self.replacingOptions(in: schema, input: "ckpt_name", with: Self.checkpointNames)
                }
                index[name] = schemas.count
                schemas.append((name: name, schema: schema))
            }
        }
    }

    func schema(_ name: String) -> SimJSON? {
        index[name].map { schemas[$0].schema }
    }

    func contains(_ name: String) -> Bool { index[name] != nil }

    func isOutputNode(_ name: String) -> Bool {
        schema(name)?["output_node"]?.boolValue ?? false
    }

    /// RETURN_TYPES of a class.
    func outputTypes(_ name: String) -> [String] {
        (schema(name)?["output"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Declared inputs in declaration order: required first, then optional.
    func inputs(_ name: String) -> [NodeInputSpec] {
        guard let input = schema(name)?["input"] else { return [] }
        var specs: [NodeInputSpec] = []
        for category in ["required", "optional"] {
            for (inputName, declaration) in input[category]?.objectPairs ?? [] {
                specs.append(NodeInputSpec(name: inputName, required: category == "required", declaration: declaration))
            }
        }
        return specs
    }

    /// The `/object_info/{class}` reply body, with LoadImage listing the files uploaded so far.
    func reply(for name: String, inputFiles: [String]) -> SimJSON {
        guard var schema = schema(name) else { return .object([]) }
        if name == "LoadImage" {
            schema = Self.replacingOptions(in: schema, input: "image", with: inputFiles)
        }
        return .object([(key: name, value: schema)])
    }

    /// The full `/object_info` body.
    func fullReply(inputFiles: [String]) -> SimJSON {
        .object(schemas.map { (key: $0.name, value: reply(for: $0.name, inputFiles: inputFiles)[$0.name] ?? .null) })
    }

    private static func replacingOptions(in schema: SimJSON, input: String, with options: [String]) -> SimJSON {
        guard var inputs = schema["input"], var required = inputs["required"],
            case .array(var declaration)? = required[input], !declaration.isEmpty
        else { return schema }
        declaration[0] = .array(options.map { .string($0) })
        required.set(input, .array(declaration))
        inputs.set("required", required)
        var copy = schema
        copy.set("input", inputs)
        return copy
    }
}

/// One declared input of a node class: `[TYPE or [options], {config}]`.
struct NodeInputSpec: Sendable {
    let name: String
    let required: Bool
    /// The raw declaration, reported as `input_config` in validation errors.
    let declaration: SimJSON

    /// "INT", "IMAGE", ... or nil for a combo.
    var typeName: String? { declaration.arrayValue?.first?.stringValue }

    /// Combo options, when the input is a combo (V1 `[[...]]` or V3 `["COMBO", {"options": [...]}]`).
    var options: [SimJSON]? {
        guard let first = declaration.arrayValue?.first else { return nil }
        if case .array(let options) = first { return options }
        if first.stringValue == "COMBO" { return config?["options"]?.arrayValue }
        return nil
    }

    var config: SimJSON? {
        guard let items = declaration.arrayValue, items.count > 1 else { return nil }
        return items[1]
    }
}
