import Testing

@_spi(Testing) @testable import ComfyClient

/// Reading `/history` without building the echoed workflow: the same entry otherwise, and the
/// skipped part still checked as JSON.
@Suite struct HistoryWithoutWorkflowTests {
    @Test(arguments: ["10_modelfree_noise.json", "11_sd15_ksampler.json", "30_execution_error.json", "51_history_window.json"])
    func entriesAreTheSameButForTheWorkflow(file: String) throws {
        let fixture = try Fixtures.json(file)
        let body = try #require(fixture["history"]?["body"] ?? fixture["body"])
        let bytes = [UInt8](body.serialized())
        let full = try HistoryEntry.entries(json: try JSONValue.parse(bytes: bytes))
        let lean = try HistoryEntry.entries(json: try JSONValue.parseHistoryWithoutWorkflows(bytes: bytes))
        #expect(!full.isEmpty && Set(full.keys) == Set(lean.keys))
        for (id, entry) in full {
            var expected = entry
            expected.prompt = .null
            #expect(entry.prompt != .null, "\(file) \(id): the fixture has a workflow")
            #expect(lean[id] == expected, "\(file) \(id)")
        }
    }

    @Test(arguments: [
        #"{"p": {"prompt": [1, "p", {"3": {"inputs": {"seed": tru}}}, {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", {"3": "unterminated}, {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", {"3": "bad \q escape"}, {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", {"3": 1e999}, {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", {"3" 1}, {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", {"3": 1,}, {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", [1 2], {}, []]}}"#,
        #"{"p": {"prompt": [1, "p", {"3": "\ud800"}, {}, []]}}"#,
        "{\"p\": {\"prompt\": [1, \"p\", {\"3\": \"tab\u{09}\"}, {}, []]}}",
        #"{"p": {"prompt": [1, "p", {"#,
    ])
    func brokenWorkflowsAreStillRefused(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes: bytes) }
        #expect(throws: JSONParseError.self) { try JSONValue.parseHistoryWithoutWorkflows(bytes: bytes) }
    }

    @Test func deepWorkflowsHitTheSameNestingLimit() {
        let deep = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        let text = #"{"p": {"prompt": [1, "p", "# + deep + #", {}, []]}}"#
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes: Array(text.utf8)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parseHistoryWithoutWorkflows(bytes: Array(text.utf8)) }
        let fits = #"{"p": {"prompt": [1, "p", {"a": [[["ok", "\u00e9\n"]]]}, {}, []]}}"#
        #expect((try? JSONValue.parseHistoryWithoutWorkflows(bytes: Array(fits.utf8)))?["p"]?["prompt"]?[2] == .null)
    }
}
