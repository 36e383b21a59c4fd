import Testing

@testable import ComfyClient

/// Every WebSocket message recorded from ComfyUI 0.8.0 decodes to the right case with the right fields.
@Suite struct EventDecoderFixtureTests {
    @Test func everyRecordedMessageDecodesWithItsFields() throws {
        var seenTypes: [String: Int] = [:]
        for file in try Fixtures.allFiles() {
            for (index, message) in try Fixtures.webSocketMessages(file).enumerated() {
                guard let raw = message["text"] else {
                    Issue.record("\(file) ws[\(index)]: not a text message; add a binary check: \(message)")
                    continue
                }
                let text = String(decoding: raw.serialized(), as: UTF8.self)
                let event = try ComfyEventDecoder.decode(text: text)
                let type = raw["type"]?.stringValue ?? ""
                seenTypes[type, default: 0] += 1
                Self.expect(event, matches: raw, at: "\(file) ws[\(index)]")
            }
        }
        // The transcripts cover these ten types; a decoder that mapped any of them to unknownText fails above.
        #expect(
            Set(seenTypes.keys) == [
                "status", "execution_start", "execution_cached", "executing", "progress", "progress_state",
                "executed", "execution_success", "execution_error", "execution_interrupted",
            ])
    }

    /// Checks the decoded case and each of its fields against the raw JSON message.
    static func expect(_ event: ComfyEvent, matches raw: JSONValue, at location: String) {
        let data = raw["data"] ?? .null
        let promptID = data["prompt_id"]?.stringValue
        let timestamp = data["timestamp"]?.intValue.map(Int64.init)
        switch (raw["type"]?.stringValue, event) {
        case ("status", .status(let remaining, let sid)):
            #expect(remaining == data["status"]?["exec_info"]?["queue_remaining"]?.intValue, "\(location)")
            #expect(sid == data["sid"]?.stringValue, "\(location)")
        case ("execution_start", .executionStart(let id, let time)),
            ("execution_success", .executionSuccess(let id, let time)):
            #expect(id == promptID && time == timestamp, "\(location)")
        case ("execution_cached", .executionCached(let id, let nodes, let time)):
            #expect(id == promptID && time == timestamp, "\(location)")
            #expect(nodes == data["nodes"]?.arrayValue?.compactMap(\.stringValue), "\(location)")
        case ("executing", .executing(let id, let node, let display)):
            #expect(id == promptID && node == data["node"]?.stringValue, "\(location)")
            #expect(display == data["display_node"]?.stringValue, "\(location)")
        case ("progress", .progress(let id, let node, let value, let max)):
            #expect(id == promptID && node == data["node"]?.stringValue, "\(location)")
            #expect(value == data["value"]?.doubleValue && max == data["max"]?.doubleValue, "\(location)")
        case ("progress_state", .progressState(let id, let nodes)):
            #expect(id == promptID, "\(location)")
            let rawNodes = data["nodes"]?.objectValue ?? [:]
            #expect(Set(nodes.keys) == Set(rawNodes.keys), "\(location)")
            for (key, node) in nodes {
                let rawNode = rawNodes[key]
                #expect(node.value == rawNode?["value"]?.doubleValue, "\(location) node \(key)")
                #expect(node.max == rawNode?["max"]?.doubleValue, "\(location) node \(key)")
                #expect(node.state == rawNode?["state"]?.stringValue, "\(location) node \(key)")
                #expect(node.nodeID == key && node.realNodeID == rawNode?["real_node_id"]?.stringValue)
                #expect(node.parentNodeID == nil && node.displayNodeID == rawNode?["display_node_id"]?.stringValue)
            }
        case ("executed", .executed(let id, let node, let display, let output)):
            #expect(id == promptID && node == data["node"]?.stringValue, "\(location)")
            #expect(display == data["display_node"]?.stringValue && output == data["output"], "\(location)")
        case ("execution_error", .executionError(let info)):
            #expect(info.promptID == promptID && info.timestamp == timestamp, "\(location)")
            #expect(info.nodeID == data["node_id"]?.stringValue && info.nodeType == data["node_type"]?.stringValue)
            #expect(info.exceptionType == data["exception_type"]?.stringValue, "\(location)")
            #expect(info.exceptionMessage == data["exception_message"]?.stringValue, "\(location)")
            #expect(info.traceback.count == data["traceback"]?.arrayValue?.count, "\(location)")
            #expect(info.currentInputs == data["current_inputs"], "\(location)")
        case ("execution_interrupted", .executionInterrupted(let id, let node, let nodeType, let executed, let time)):
            #expect(id == promptID && time == timestamp, "\(location)")
            #expect(node == data["node_id"]?.stringValue && nodeType == data["node_type"]?.stringValue)
            #expect(executed == data["executed"]?.arrayValue?.compactMap(\.stringValue), "\(location)")
        default:
            Issue.record("\(location): \(raw["type"]?.stringValue ?? "?") decoded as \(event)")
        }
        #expect(event.promptID == promptID, "\(location): promptID accessor")
    }

    @Test func connectStatusCarriesTheSid() throws {
        let raw = try #require(try Fixtures.webSocketMessages("00_ws_connect.json").first?["text"])
        let event = try ComfyEventDecoder.decode(text: String(decoding: raw.serialized(), as: UTF8.self))
        #expect(event == .status(queueRemaining: 0, sid: "fixture-client"))
    }

    @Test func executionErrorFromTheCorruptImageRun() throws {
        let messages = try Fixtures.webSocketMessages("30_execution_error.json")
        let events = try messages.compactMap { $0["text"] }.map {
            try ComfyEventDecoder.decode(text: String(decoding: $0.serialized(), as: UTF8.self))
        }
        let errors = events.compactMap { if case .executionError(let info) = $0 { info } else { nil } }
        let info = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(info.promptID == "53509721-ebb7-461a-af26-c953a47bb6cc")
        #expect(info.nodeID == "1" && info.nodeType == "LoadImage" && info.executed.isEmpty)
        #expect(info.exceptionType == "OSError" && info.exceptionMessage == "Truncated File Read\n")
        #expect(info.currentInputs == .object(["image": .array([.string("fixture_corrupt.png")])]))
        #expect(info.currentOutputs == ["1", "2"] && info.timestamp == 1_795_637_773_804)
        #expect(info.summary == "node 1 (LoadImage) raised OSError: Truncated File Read")
        #expect(events.last == .executing(promptID: info.promptID, node: nil, displayNode: nil))
        #expect(events.last?.isTerminal == true && events.first?.isTerminal == false)
    }

    @Test func interruptedRunNamesTheNodeAndWhatRan() throws {
        let events = try Fixtures.webSocketMessages("40_queue_interrupt_delete.json").compactMap { $0["text"] }.map {
            try ComfyEventDecoder.decode(text: String(decoding: $0.serialized(), as: UTF8.self))
        }
        #expect(
            events.contains(
                .executionInterrupted(
                    promptID: "c519ba44-be72-418c-9c03-9d9b038f5355", nodeID: "3", nodeType: "KSampler",
                    executed: ["7", "6", "4", "5"], timestamp: 1_795_637_778_077
                )))
        #expect(
            events.contains(
                .executionCached(
                    promptID: "80ba962f-ab45-42cf-9269-d14ac275b13c", nodes: ["4", "5", "6", "7"],
                    timestamp: 1_795_637_778_080
                )))
    }
}
