import ComfyClient
import Foundation

/// Reading `samples.jsonl` lines without `JSONDecoder`: `report` on 100,000 samples spent 73% of its
/// time there. The keys are the synthesized `Codable` ones (property names), so files written by
/// `SamplesWriter` read back identically; a round-trip test holds the two paths together.
extension PromptRecord {
    /// One line of `samples.jsonl`, or nil when it is not a complete record (a torn last line).
    public static func decodeLine(_ bytes: Data) -> PromptRecord? {
        guard let json = try? JSONValue.parse(bytes) else { return nil }
        return PromptRecord(json: json)
    }

    /// A record from its JSON object; nil when a required field is missing or of the wrong type.
    public init?(json: JSONValue) {
        guard let id = json["promptID"]?.stringValue, let sequence = json["sequence"]?.intValue,
            let workflow = json["workflow"]?.stringValue, let server = json["server"]?.stringValue,
            let scheduledAt = json["scheduledAt"]?.doubleValue,
            let outcome = json["outcome"]?.stringValue.flatMap(PromptOutcome.init(rawValue:))
        else { return nil }
        self.init(promptID: id, sequence: sequence, workflow: workflow, seed: json["seed"]?.intValue, server: server, scheduledAt: scheduledAt)
        self.outcome = outcome
        warmup = json["warmup"]?.boolValue ?? false
        sentAt = json["sentAt"]?.doubleValue
        acceptedAt = json["acceptedAt"]?.doubleValue
        startedAt = json["startedAt"]?.doubleValue
        finishedAt = json["finishedAt"]?.doubleValue
        downloadedAt = json["downloadedAt"]?.doubleValue
        number = json["number"]?.doubleValue
        createTimeMs = json["createTimeMs"]?.intValue.map(Int64.init)
        executionStartMs = json["executionStartMs"]?.intValue.map(Int64.init)
        terminalMs = json["terminalMs"]?.intValue.map(Int64.init)
        terminalEvent = json["terminalEvent"]?.stringValue
        cachedNodes = json["cachedNodes"]?.arrayValue?.compactMap(\.stringValue)
        phases = (json["phases"]?.arrayValue ?? []).compactMap(NodePhase.init(json:))
        outputs = (json["outputs"]?.arrayValue ?? []).compactMap { file in
            guard let name = file["filename"]?.stringValue else { return nil }
            return OutputFile(filename: name, subfolder: file["subfolder"]?.stringValue ?? "", type: file["type"]?.stringValue ?? "output")
        }
        downloadBytes = json["downloadBytes"]?.intValue
        failure = json["failure"].flatMap(Failure.init(json:))
    }
}

extension PromptRecord.NodePhase {
    init?(json: JSONValue) {
        guard let node = json["node"]?.stringValue, let classType = json["classType"]?.stringValue,
            let startedAt = json["startedAt"]?.doubleValue
        else { return nil }
        self.init(
            node: node, classType: classType, startedAt: startedAt, seconds: json["seconds"]?.doubleValue,
            steps: json["steps"]?.arrayValue?.compactMap(\.doubleValue))
    }
}

extension PromptRecord.Failure {
    init?(json: JSONValue) {
        guard let message = json["message"]?.stringValue else { return nil }
        self.init(
            message: message, node: json["node"]?.stringValue, nodeType: json["nodeType"]?.stringValue,
            exceptionType: json["exceptionType"]?.stringValue, status: json["status"]?.intValue)
    }
}

/// Writing a `samples.jsonl` line without `JSONEncoder` (7% of the driver's CPU at a thousand
/// prompts a second). Same keys as the synthesized `Codable` conformance, nil fields left out.
extension PromptRecord {
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "promptID": .string(promptID), "sequence": .int(sequence), "workflow": .string(workflow),
            "server": .string(server), "warmup": .bool(warmup), "outcome": .string(outcome.rawValue),
            "scheduledAt": .double(scheduledAt), "phases": .array(phases.map(\.jsonValue)),
            "outputs": .array(outputs.map { .object(["filename": .string($0.filename), "subfolder": .string($0.subfolder), "type": .string($0.type)]) }),
        ]
        object["seed"] = seed.map(JSONValue.int)
        object["sentAt"] = sentAt.map(JSONValue.double)
        object["acceptedAt"] = acceptedAt.map(JSONValue.double)
        object["startedAt"] = startedAt.map(JSONValue.double)
        object["finishedAt"] = finishedAt.map(JSONValue.double)
        object["downloadedAt"] = downloadedAt.map(JSONValue.double)
        object["number"] = number.map(JSONValue.double)
        object["createTimeMs"] = createTimeMs.map { .int(Int($0)) }
        object["executionStartMs"] = executionStartMs.map { .int(Int($0)) }
        object["terminalMs"] = terminalMs.map { .int(Int($0)) }
        object["terminalEvent"] = terminalEvent.map(JSONValue.string)
        object["cachedNodes"] = cachedNodes.map { .array($0.map(JSONValue.string)) }
        object["downloadBytes"] = downloadBytes.map(JSONValue.int)
        object["failure"] = failure.map(\.jsonValue)
        return .object(object)
    }
}

extension PromptRecord.NodePhase {
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["node": .string(node), "classType": .string(classType), "startedAt": .double(startedAt)]
        object["seconds"] = seconds.map(JSONValue.double)
        object["steps"] = steps.map { .array($0.map(JSONValue.double)) }
        return .object(object)
    }
}

extension PromptRecord.Failure {
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["message": .string(message)]
        object["node"] = node.map(JSONValue.string)
        object["nodeType"] = nodeType.map(JSONValue.string)
        object["exceptionType"] = exceptionType.map(JSONValue.string)
        object["status"] = status.map(JSONValue.int)
        return .object(object)
    }
}
