import ComfyClient
import Testing

@testable import Harness

@Suite("Workflow preparer")
struct WorkflowPreparerTests {
    /// EmptyImage → ImageAddNoise (seed) → SaveImage, the model-free seeded workflow of the fixtures.
    let noise = ScenarioFixtures.parse(
        #"""
        {"1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0}},
         "2": {"class_type": "ImageAddNoise", "inputs": {"image": ["1", 0], "seed": 7, "strength": 0.5}},
         "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "n"}}}
        """#)

    @Test func seedInputsFromObjectInfo() throws {
        let info = try ScenarioFixtures.objectInfo()
        #expect(
            WorkflowPreparer.seedInputs(in: try ScenarioFixtures.sd15Workflow(), objectInfo: info)
                == [SeedInput(nodeID: "3", inputName: "seed")])
        #expect(WorkflowPreparer.seedInputs(in: noise, objectInfo: info) == [SeedInput(nodeID: "2", inputName: "seed")])
    }

    @Test func objectInfoDecidesOverNames() throws {
        // A custom node whose `seed` input is not marked control_after_generate is not a seed when the server says so,
        // and an oddly named marked input is.
        let prompt = ScenarioFixtures.parse(
            #"""
            {"1": {"class_type": "Custom", "inputs": {"seed": 1, "entropy": 2}},
             "2": {"class_type": "Unknown", "inputs": {"noise_seed": 3, "seed": ["1", 0]}}}
            """#)
        let info = try #require(
            ScenarioFixtures.parse(
                #"""
                {"Custom": {"input": {"required": {"seed": ["INT", {}], "entropy": ["INT", {"control_after_generate": true}]}}}}
                """#
            ).objectValue)
        #expect(
            WorkflowPreparer.seedInputs(in: prompt, objectInfo: info)
                == [SeedInput(nodeID: "1", inputName: "entropy"), SeedInput(nodeID: "2", inputName: "noise_seed")])
    }

    @Test func fallbackByNameWithoutObjectInfo() {
        let prompt = ScenarioFixtures.parse(
            #"""
            {"10": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": 5, "steps": 20}},
             "9": {"class_type": "RandomNoise", "inputs": {"noise_seed": 1}},
             "2": {"class_type": "KSampler", "inputs": {"seed": ["9", 0]}}}
            """#)
        #expect(
            WorkflowPreparer.seedInputs(in: prompt, objectInfo: nil)
                == [SeedInput(nodeID: "9", inputName: "noise_seed"), SeedInput(nodeID: "10", inputName: "noise_seed")])
        #expect(WorkflowPreparer.seedInputs(in: .array([]), objectInfo: nil).isEmpty)
    }

    @Test func prepareSetsEverySeedAndNothingElse() throws {
        let spec = WorkflowSpec(name: "n", prompt: noise)
        let prepared = WorkflowPreparer.prepare(spec, seed: 123_456_789)
        #expect(prepared["2"]?["inputs"]?["seed"] == .int(123_456_789))
        var expected = noise
        expected = WorkflowPreparer.setting(
            .int(123_456_789), at: SeedInput(nodeID: "2", inputName: "seed"), in: expected)
        #expect(prepared == expected)
        #expect(prepared["2"]?["inputs"]?["strength"] == .double(0.5))
        #expect(WorkflowPreparer.prepare(spec, seed: 1) == WorkflowPreparer.prepare(spec, seed: 1))
    }

    @Test func overridesByIDAndByTitle() throws {
        let folder = try ScenarioTempFolder()
        try folder.write(
            "wf.json",
            #"""
            {"1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64}, "_meta": {"title": "Canvas v1.5"}},
             "2": {"class_type": "ImageAddNoise", "inputs": {"image": ["1", 0], "seed": 7, "strength": 0.5}},
             "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "n"}}}
            """#)
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              noise:
                file: wf.json
                set: {"Canvas v1.5.width": 128, "2.strength": 0.25, "3.filename_prefix": "load", "1.height": "96"}
                seed: [5, 6]
            load: {requests: 4}
            """)
        let workflow = try #require(scenario.workflows.first)
        #expect(workflow.prompt["1"]?["inputs"]?["width"] == .int(128))
        #expect(workflow.prompt["1"]?["inputs"]?["height"] == .string("96"))  // quoted in YAML: stays a string
        #expect(workflow.prompt["2"]?["inputs"]?["strength"] == .double(0.25))
        #expect(workflow.prompt["3"]?["inputs"]?["filename_prefix"] == .string("load"))
        let prepared = WorkflowPreparer.prepare(workflow, seed: 6)
        #expect(prepared["2"]?["inputs"]?["seed"] == .int(6))
        #expect(prepared["1"]?["inputs"]?["width"] == .int(128))
    }

    @Test func seedPolicyChoosesSeeds() {
        var generator = SystemRandomNumberGenerator()
        #expect(SeedPolicy.fixed(42).seed(forPrompt: 9, using: &generator) == 42)
        #expect((0..<4).map { SeedPolicy.list([1, 2, 3]).seed(forPrompt: $0, using: &generator) } == [1, 2, 3, 1])
        let random = (0..<8).map { _ in SeedPolicy.random.seed(forPrompt: 0, using: &generator) }
        #expect(random.allSatisfy(SeedPolicy.randomRange.contains))
        #expect(Set(random).count > 1)
    }

    @Test func scenarioSeedInputsRefinedFromObjectInfo() throws {
        let custom = ScenarioFixtures.parse(#"{"1": {"class_type": "Noise", "inputs": {"seed": 1, "entropy": 2}}}"#)
        let info = try #require(
            ScenarioFixtures.parse(
                #"{"Noise": {"input": {"required": {"entropy": ["INT", {"control_after_generate": true}]}}}}"#
            ).objectValue)
        let scenario = Scenario(
            name: "s", sourcePath: "s.yaml", servers: [], workflows: [WorkflowSpec(name: "w", prompt: custom)],
            load: LoadSpec(requests: 1))
        #expect(scenario.workflows[0].seedInputs == [SeedInput(nodeID: "1", inputName: "seed")])
        #expect(
            scenario.refiningSeedInputs(objectInfo: info).workflows[0].seedInputs
                == [SeedInput(nodeID: "1", inputName: "entropy")])
    }
}
