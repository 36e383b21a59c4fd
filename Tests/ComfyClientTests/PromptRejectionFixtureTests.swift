import Testing

@testable import ComfyClient

/// The 400 replies of `20_validation_errors.json` render one line per node problem.
@Suite struct PromptRejectionFixtureTests {
    @Test(arguments: [
        (
            "unknown_class_type",
            "invalid_prompt — Cannot execute because node NoSuchNode does not exist. (Node ID '#2')"
        ),
        ("required_input_missing", "node 2 (ImageAddNoise): required_input_missing — seed: Required input is missing"),
        (
            "value_not_in_list",
            "node 3 (KSampler): value_not_in_list — sampler_name: 'bogus' not in (list of length 44)"
        ),
        (
            "value_bigger_than_max",
            "node 3 (KSampler): value_bigger_than_max — steps: Value 100000 bigger than max of 10000"
        ),
        ("prompt_no_outputs", "prompt_no_outputs — Prompt has no outputs"),
        (
            "link_to_missing_node",
            "node 2 (ImageAddNoise): exception_during_inner_validation — images: Exception when validating inner node ('99') [KeyError]"
        ),
        (
            "link_bad_output_index",
            "node 2 (ImageAddNoise): exception_during_inner_validation — images: Exception when validating inner node (tuple index out of range) [IndexError]"
        ),
        ("no_prompt", "no_prompt — No prompt provided"),
        (
            "invalid_input_type",
            "node 1 (EmptyImage): invalid_input_type — width: Failed to convert an input value to a INT value (width, wide, invalid literal for int() with base 10: 'wide')"
        ),
    ])
    func rejectionRendersPerNode(name: String, line: String) throws {
        let exchange = try #require(try Fixtures.json("20_validation_errors.json")[name])
        #expect(exchange["status"] == .int(400))
        let rejection = try PromptRejection(json: try #require(exchange["body"]), url: "http://127.0.0.1:8188/prompt")
        #expect(rejection.lines == [line])
        #expect(rejection.description.hasPrefix("http://127.0.0.1:8188/prompt rejected the prompt: "))
        #expect(rejection.description.hasSuffix("\n  " + line))
        #expect(ComfyClientError.promptRejected(rejection).description == rejection.description)
    }

    @Test func dependentOutputsAndClassTypeAreKept() throws {
        let body = try #require(try Fixtures.json("20_validation_errors.json")["value_not_in_list"]?["body"])
        let rejection = try PromptRejection(json: body, url: "u")
        let node = try #require(rejection.nodeErrors.first)
        #expect(node.nodeID == "3" && node.classType == "KSampler" && node.dependentOutputs == ["9"])
        #expect(node.errors.first?.extraInfo["received_value"] == .string("bogus"))
        #expect(rejection.error.type == "prompt_outputs_failed_validation")
    }

    @Test func nodesAreOrderedNumerically() throws {
        let issue: JSONValue = .object(["errors": .array([]), "class_type": .string("X")])
        let body: JSONValue = .object([
            "error": .object(["type": .string("prompt_outputs_failed_validation"), "message": .string("m")]),
            "node_errors": .object(["10": issue, "9": issue, "a": issue]),
        ])
        let rejection = try PromptRejection(json: body, url: "u")
        #expect(rejection.nodeErrors.map(\.nodeID) == ["9", "10", "a"])
        #expect(rejection.lines.first == "node 9 (X): invalid because an upstream node is invalid")
    }
}
