/// Validates an API-format prompt like ComfyUI 0.8.0's `execution.validate_prompt`, with its 400 shapes.
struct PromptValidator {
    /// What `validate_prompt` decided.
    enum Outcome {
        /// Runnable: the coerced prompt, the output nodes to execute, and partial-acceptance errors.
        case accepted(prompt: SimJSON, outputs: [String], nodeErrors: SimJSON)
        /// 400 with this body.
        case rejected(SimJSON)
        /// An uncaught exception in ComfyUI: 500 plain text.
        case serverError
    }

    let catalog: ObjectInfoCatalog
    /// Files present in the simulated input folder (LoadImage's VALIDATE_INPUTS checks them).
    let inputFileExists: (String) -> Bool

    func validate(_ prompt: SimJSON, partialTargets: [String]?) -> Outcome {
        guard let nodes = prompt.objectPairs else { return .serverError }
        var outputs: [String] = []
        for (id, node) in nodes {
            guard node.objectPairs != nil else { return .serverError }
            guard let classType = node["class_type"]?.stringValue else {
                return .rejected(
                    Self.errorBody(
                        "invalid_prompt", "Cannot execute because a node is missing the class_type property.",
                        "Node ID '#\(id)'"))
            }
            guard catalog.contains(classType) else {
                return .rejected(
                    Self.errorBody(
                        "invalid_prompt", "Cannot execute because node \(classType) does not exist.", "Node ID '#\(id)'"
                    ))
            }
            if catalog.isOutputNode(classType), partialTargets.map({ $0.contains(id) }) ?? true {
                outputs.append(id)
            }
        }
        guard !outputs.isEmpty else {
            return .rejected(Self.errorBody("prompt_no_outputs", "Prompt has no outputs", ""))
        }

        var state = InputValidation(catalog: catalog, prompt: prompt, inputFileExists: inputFileExists)
        var goodOutputs: [String] = []
        var outputErrors: [SimJSON] = []
        var nodeErrors: [(key: String, value: SimJSON)] = []
        for output in outputs {
            let valid: Bool
            do {
                valid = try state.validate(output)
            } catch let failure as ValidationException {
                valid = false
                let reason = SimJSON.obj([
                    "type": .string("exception_during_validation"),
                    "message": .string("Exception when validating node"), "details": .string(failure.message),
                    "extra_info": .obj([
                        "exception_type": .string(failure.type), "traceback": failure.traceback,
                    ]),
                ])
                state.results[output] = (false, [reason])
            } catch {
                return .serverError
            }
            if valid {
                goodOutputs.append(output)
                continue
            }
            outputErrors += state.results[output]?.reasons ?? []
            for id in state.order {
                guard let result = state.results[id], !result.valid, !result.reasons.isEmpty else { continue }
                if let i = nodeErrors.firstIndex(where: { $0.key == id }) {
                    var entry = nodeErrors[i].value
                    entry.set(
                        "dependent_outputs", .array((entry["dependent_outputs"]?.arrayValue ?? []) + [.string(output)]))
                    nodeErrors[i].value = entry
                } else {
                    let classType = prompt[id]?["class_type"] ?? .null
                    nodeErrors.append(
                        (
                            key: id,
                            value: .obj([
                                "errors": .array(result.reasons), "dependent_outputs": .array([.string(output)]),
                                "class_type": classType,
                            ])
                        ))
                }
            }
        }
        guard !goodOutputs.isEmpty else {
            let details = outputErrors.map {
                "\($0["message"]?.stringValue ?? ""): \($0["details"]?.stringValue ?? "")"
            }.joined(separator: "\n")
            var body = Self.errorBody("prompt_outputs_failed_validation", "Prompt outputs failed validation", details)
            body.set("node_errors", .object(nodeErrors))
            return .rejected(body)
        }
        return .accepted(prompt: state.prompt, outputs: goodOutputs, nodeErrors: .object(nodeErrors))
    }

    /// `{"error": {type, message, details, extra_info: {}}, "node_errors": {}}`.
    static func errorBody(_ type: String, _ message: String, _ details: String) -> SimJSON {
        .obj([
            "error": .obj([
                "type": .string(type), "message": .string(message), "details": .string(details),
                "extra_info": .object([]),
            ]),
            "node_errors": .object([]),
        ])
    }
}

/// A Python exception raised while validating (KeyError for a missing node, IndexError for a bad slot).
struct ValidationException: Error {
    let type: String
    let message: String
    let traceback: SimJSON

    static func keyError(_ key: String) -> ValidationException {
        ValidationException(
            type: "KeyError", message: "'\(key)'",
            traceback: .array([
                .string(
                    "  File \"/srv/ComfyUI/execution.py\", line 818, in validate_inputs\n    o_class_type = prompt[o_id]['class_type']\n                   ~~~~~~^^^^^^\n"
                )
            ]))
    }

    static let indexError = ValidationException(
        type: "IndexError", message: "tuple index out of range",
        traceback: .array([
            .string(
                "  File \"/srv/ComfyUI/execution.py\", line 820, in validate_inputs\n    received_type = r[val[1]]\n                    ~^^^^^^^^\n"
            )
        ]))
}
