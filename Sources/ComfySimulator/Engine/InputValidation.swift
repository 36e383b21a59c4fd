/// The recursive per-node input check of ComfyUI's `validate_inputs`, memoised like its `validated` dict.
struct InputValidation {
    let catalog: ObjectInfoCatalog
    /// The prompt, with widget values coerced as validation goes (ComfyUI stores the coerced prompt).
    var prompt: SimJSON
    let inputFileExists: (String) -> Bool
    var results: [String: (valid: Bool, reasons: [SimJSON])] = [:]
    /// Node ids in the order their result was recorded (Python dict order of `validated`).
    var order: [String] = []
    /// Nodes being validated up the stack: a cycle is ComfyUI's RecursionError.
    var inProgress: Set<String> = []

    init(catalog: ObjectInfoCatalog, prompt: SimJSON, inputFileExists: @escaping (String) -> Bool) {
        self.catalog = catalog
        self.prompt = prompt
        self.inputFileExists = inputFileExists
    }

    mutating func record(_ id: String, _ valid: Bool, _ reasons: [SimJSON]) {
        if results[id] == nil { order.append(id) }
        results[id] = (valid, reasons)
    }

    /// Returns whether node `id` and everything upstream is valid; throws the Python exceptions ComfyUI would.
    mutating func validate(_ id: String) throws -> Bool {
        if let done = results[id] { return done.valid }
        // Python's recursion limit (~1000 frames) ends long chains and cycles alike.
        guard inProgress.count < 900, inProgress.insert(id).inserted else {
            throw ValidationException(
                type: "RecursionError", message: "maximum recursion depth exceeded", traceback: .array([]))
        }
        defer { inProgress.remove(id) }
        guard let node = prompt[id] else { throw ValidationException.keyError(id) }
        guard let classType = node["class_type"]?.stringValue else { throw ValidationException.keyError("class_type") }
        guard let inputs = node["inputs"] else { throw ValidationException.keyError("inputs") }
        var errors: [SimJSON] = []
        var valid = true
        for spec in catalog.inputs(classType) {
            guard let value = inputs[spec.name] else {
                if spec.required {
                    errors.append(
                        Self.error(
                            "required_input_missing", "Required input is missing", spec.name,
                            ["input_name": .string(spec.name)]))
                }
                continue
            }
            let info = spec.declaration
            if case .array(let link) = value {
                guard link.count == 2 else {
                    errors.append(
                        Self.error(
                            "bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]",
                            spec.name,
                            ["input_name": .string(spec.name), "input_config": info, "received_value": value]))
                    continue
                }
                let sourceID = link[0].stringValue ?? link[0].serialized()
                guard let sourceClass = prompt[sourceID]?["class_type"]?.stringValue else {
                    throw ValidationException.keyError(sourceID)
                }
                let returnTypes = catalog.outputTypes(sourceClass)
                guard let slot = link[1].intValue, slot >= 0, slot < returnTypes.count else {
                    throw ValidationException.indexError
                }
                let received = returnTypes[Int(slot)]
                if let expected = spec.typeName, !Self.typesMatch(received, expected) {
                    errors.append(
                        Self.error(
                            "return_type_mismatch", "Return type mismatch between linked nodes",
                            "\(spec.name), received_type(\(received)) mismatch input_type(\(expected))",
                            [
                                "input_name": .string(spec.name), "input_config": info,
                                "received_type": .string(received),
                                "linked_node": value,
                            ]))
                    continue
                }
                do {
                    if try !validate(sourceID) { valid = false }
                } catch let failure as ValidationException {
                    valid = false
                    record(
                        sourceID, false,
                        [
                            Self.error(
                                "exception_during_inner_validation", "Exception when validating inner node",
                                failure.message,
                                [
                                    "input_name": .string(spec.name), "input_config": info,
                                    "exception_message": .string(failure.message),
                                    "exception_type": .string(failure.type),
                                    "traceback": failure.traceback, "linked_node": value,
                                ])
                        ])
                }
                continue
            }
            switch WidgetValueCheck.check(spec: spec, value: value, classType: classType, fileExists: inputFileExists) {
            case .ok(let coerced):
                if coerced != value { setInput(id, spec.name, coerced) }
            case .failed(let error):
                errors.append(error)
            }
        }
        let ok = errors.isEmpty && valid
        record(id, ok, errors)
        return ok
    }

    private mutating func setInput(_ id: String, _ name: String, _ value: SimJSON) {
        guard var node = prompt[id], var inputs = node["inputs"] else { return }
        inputs.set(name, value)
        node.set("inputs", inputs)
        prompt.set(id, node)
    }

    /// ComfyUI's `validate_node_input`: equal types, `*`, or comma-separated unions.
    static func typesMatch(_ received: String, _ expected: String) -> Bool {
        if received == expected || received == "*" || expected == "*" { return true }
        let r = Set(received.split(separator: ",").map { $0.trimmingCharacters(in: " ") })
        let e = Set(expected.split(separator: ",").map { $0.trimmingCharacters(in: " ") })
        return !r.isDisjoint(with: e) && r.isSubset(of: e)
    }

    static func error(_ type: String, _ message: String, _ details: String, _ extra: KeyValuePairs<String, SimJSON>)
        -> SimJSON
    {
        .obj([
            "type": .string(type), "message": .string(message), "details": .string(details), "extra_info": .obj(extra),
        ])
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        var s = self[...]
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
