import Testing

@testable import ComfyClient

/// Text frames the fixtures do not contain, and malformed ones.
@Suite struct EventDecoderTextTests {
    @Test func reconnectExecutingHasNoPromptID() throws {
        let event = try ComfyEventDecoder.decode(text: #"{"type": "executing", "data": {"node": "5"}}"#)
        #expect(event == .executing(promptID: nil, node: "5", displayNode: nil))
        #expect(event.promptID == nil && !event.isTerminal)
    }

    @Test func featureFlagsLogsAndUnknownTypesAreKept() throws {
        let flags = try ComfyEventDecoder.decode(
            text:
                #"{"type": "feature_flags", "data": {"supports_preview_metadata": true, "max_upload_size": 104857600.0}}"#
        )
        #expect(
            flags
                == .featureFlags(
                    .object(["supports_preview_metadata": .bool(true), "max_upload_size": .int(104_857_600)]))
                || flags
                    == .featureFlags(
                        .object(["supports_preview_metadata": .bool(true), "max_upload_size": .double(104_857_600)]))
        )
        let logs = try ComfyEventDecoder.decode(
            text: #"{"type": "logs", "data": {"entries": [], "size": {"cols": 80}}}"#)
        #expect(logs == .logs(.object(["entries": .array([]), "size": .object(["cols": .int(80)])])))
        let unknown = try ComfyEventDecoder.decode(
            text: #"{"type": "crystools.monitor", "data": {"cpu": 3, "prompt_id": "p"}}"#)
        #expect(
            unknown
                == .unknownText(type: "crystools.monitor", data: .object(["cpu": .int(3), "prompt_id": .string("p")])))
        #expect(unknown.promptID == "p")
    }

    @Test func blockedExecutionErrorWithoutTimestampDecodes() throws {
        let text = #"""
            {"type": "execution_error", "data": {"prompt_id": "p", "node_id": "4", "node_type": "X", "executed": [],
             "exception_message": "Execution Blocked: no", "exception_type": "ExecutionBlocked", "traceback": [],
             "current_inputs": [], "current_outputs": []}}
            """#
        guard case .executionError(let info) = try ComfyEventDecoder.decode(text: text) else {
            Issue.record("not an execution_error")
            return
        }
        #expect(info.timestamp == nil && info.currentInputs == .array([]) && info.exceptionType == "ExecutionBlocked")
    }

    @Test(arguments: [
        ("not json at all", "not valid JSON"),
        (#"["status"]"#, "expected a JSON object"),
        (#"{"data": {}}"#, "type: missing"),
        (#"{"type": "execution_start", "data": {"prompt_id": "p"}}"#, "execution_start.data.timestamp: missing"),
        (
            #"{"type": "execution_start", "data": {"prompt_id": 5, "timestamp": 1}}"#,
            "prompt_id: expected a string, got a number"
        ),
        (#"{"type": "status", "data": {"status": {}}}"#, "status.data.status.exec_info"),
        (#"{"type": "progress", "data": {"value": "x", "max": 3}}"#, "progress.data.value: expected a number"),
        (#"{"type": "progress_state", "data": {"prompt_id": "p", "nodes": {"1": 3}}}"#, "progress_state.data.nodes.1"),
        (
            #"{"type": "execution_cached", "data": {"prompt_id": "p", "nodes": [1], "timestamp": 1}}"#,
            "nodes[0]: expected a string"
        ),
    ])
    func malformedTextThrowsAndNamesTheProblem(text: String, expected: String) {
        do {
            let event = try ComfyEventDecoder.decode(text: text)
            Issue.record("decoded \(event) from \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}
