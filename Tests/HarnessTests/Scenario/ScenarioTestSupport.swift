import ComfyClient
import Foundation
import Testing

@testable import Harness

/// Paths and helpers shared by the scenario tests.
enum ScenarioFixtures {
    /// The repository root, found from this file's path (tests run from anywhere).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = root + "/Tests/Fixtures/comfyui-0.8.0"

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The recorded `/object_info/{class}` replies, as the class → entry dictionary.
    static func objectInfo() throws -> [String: JSONValue] {
        try #require(json(fixtures + "/02_object_info_subset.json").objectValue)
    }

    static func sd15Workflow() throws -> JSONValue {
        try json(fixtures + "/workflow_sd15_api.json")
    }
}

/// A fresh temporary folder for scenario and workflow files, removed when the value goes away.
final class ScenarioTempFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "scenario-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `name` (folders created) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Writes the SD1.5 fixture workflow as `workflows/sd15.json` (pretty-printed, one key per line).
    func writeSD15Workflow() throws {
        let text = String(decoding: try ScenarioFixtures.sd15Workflow().serialized(pretty: true), as: UTF8.self)
        try write("workflows/sd15.json", text)
    }

    /// Loads `yaml` as `scenario.yaml` and returns the diagnostics it throws (failing if it loads).
    func diagnostics(_ yaml: String, file: String = "scenario.yaml") throws -> [Diagnostic] {
        let scenarioPath = try write(file, yaml)
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: scenarioPath) }
        return error?.diagnostics ?? []
    }

    func load(_ yaml: String, file: String = "scenario.yaml") throws -> Scenario {
        try ScenarioLoader.load(path: try write(file, yaml))
    }

    /// `line:column` of each diagnostic, for exact position assertions.
    func positions(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location.line):\($0.location.column)" }
    }
}

extension ScenarioFixtures {
    /// JSON text as a `JSONValue` (JSONValue has no literal conformances; tests write JSON instead).
    static func parse(_ text: String) -> JSONValue {
        (try? JSONValue.parse(Data(text.utf8))) ?? .string("<invalid test JSON: \(text)>")
    }
}
