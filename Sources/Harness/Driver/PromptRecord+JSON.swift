import ComfyClient
import Foundation

/// Reading `samples.jsonl` lines without `JSONDecoder`: `report` on 100,000 samples spent 73% of its
/// time there. The keys are the synthesized `Codable` ones (property names), so files written by
/// `SamplesWriter` (`jsonLine()`) read back identically; a round-trip test holds the two together.
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
