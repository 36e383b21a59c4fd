import Foundation

extension SimulatorEngine {
    /// `POST /prompt` (`server.py: post_prompt`), step by step in ComfyUI's order.
    func submitPrompt(_ bodyBytes: [UInt8]) -> SimResponse {
        guard let body = try? SimJSON.parse(bodyBytes), body.objectPairs != nil else { return .serverError }
        var number: Double
        let clientSupplied: Bool
        if let explicit = body["number"], explicit != .null {
            guard let value = explicit.doubleValue ?? explicit.stringValue.flatMap(Double.init) else {
                return .serverError
            }
            number = value
            clientSupplied = true
        } else {
            // The counter is consumed before validation, so rejected prompts use up numbers too.
            number = Double(submissionCounter)
            if body["front"].map(Self.truthy) ?? false { number = -number }
            submissionCounter += 1
            clientSupplied = false
        }
        guard let prompt = body["prompt"] else {
            return .json(
                PromptValidator.errorBody("no_prompt", "No prompt provided", "No prompt provided"), status: 400)
        }
        let promptID: String
        switch body["prompt_id"] {
        case nil: promptID = UUID().uuidString.lowercased()
        case .string(let s)?: promptID = s
        case .null?: promptID = "None"
        case let other?: promptID = WidgetValueCheck.pythonStr(other)
        }
        var partialTargets: [String]?
        if let targets = body["partial_execution_targets"], targets != .null {
            partialTargets = (targets.arrayValue ?? []).compactMap(\.stringValue)
        }
        let fileExists: (String) -> Bool = { [files] name in Self.inputFileKey(name).map(files.exists) ?? false }
        let validator = PromptValidator(catalog: catalog, inputFileExists: fileExists)
        switch validator.validate(prompt, partialTargets: partialTargets) {
        case .serverError:
            return .serverError
        case .rejected(let errorBody):
            return .json(errorBody, status: 400)
        case .accepted(let coerced, let outputs, let nodeErrors):
            var extraData = body["extra_data"].flatMap { $0.objectPairs != nil ? $0 : nil } ?? .object([])
            if let clientID = body["client_id"], clientID != .null { extraData.set("client_id", clientID) }
            for sensitive in ["auth_token_comfy_org", "api_key_comfy_org"] { extraData.remove(sensitive) }
            let createTime = nowMs()
            extraData.set("create_time", .int(createTime))
            let item = PromptQueue.Item(
                number: number, numberIsClientSupplied: clientSupplied, promptID: promptID, prompt: coerced,
                extraData: extraData, outputs: outputs)
            queue.put(item)
            if records[promptID] == nil { recordOrder.append(promptID) }
            records[promptID] = SimulatedPromptRecord(
                promptID: promptID, clientID: item.clientID, number: number, createTimeMs: createTime,
                startTimeMs: nil, endTimeMs: nil, outcome: .pending, stepSeconds: 0, steps: 0, executedNodes: [],
                outputs: [], historyWritten: false)
            broadcastStatus()
            wakeWorker()
            return .json(.obj(["prompt_id": .string(promptID), "number": item.numberJSON, "node_errors": nodeErrors]))
        }
    }

    /// Python truthiness of a JSON value.
    static func truthy(_ value: SimJSON) -> Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .bigInt: return true
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        }
    }

    /// Where a LoadImage name points: "sub/name.png", or with a " [output]"/" [temp]"/" [input]" suffix.
    static func inputFileKey(_ annotated: String) -> FileStore.Key? {
        var name = annotated
        var type = "input"
        for candidate in ["output", "temp", "input"] where name.hasSuffix(" [\(candidate)]") {
            type = candidate
            name = String(name.dropLast(candidate.count + 3))
        }
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("..") else { return nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let file = parts.last else { return nil }
        return FileStore.Key(type: type, subfolder: parts.dropLast().joined(separator: "/"), filename: file)
    }
}
