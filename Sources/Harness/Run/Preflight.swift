import ComfyClient

/// Checks made before any load is sent: the server answers, and every workflow's nodes and inputs
/// exist on it (`/object_info`), so a typo fails in a second rather than after a queue of errors.
public enum Preflight {
    /// `/system_stats`, or an error that says how to reach the server.
    public static func systemStats(_ connection: ServerConnection) async throws -> SystemStats {
        do {
            return try await connection.client.systemStats()
        } catch {
            throw HarnessError.server(url: connection.endpoint.displayURL, reason: String(describing: error), hint: nil)
        }
    }

    /// Validates the workflows against the server's node schemas and detects seed inputs from the
    /// `control_after_generate` marks; returns the scenario with those seed inputs.
    public static func check(_ scenario: Scenario, on connection: ServerConnection) async throws -> Scenario {
        let objectInfo: [String: JSONValue]
        do {
            objectInfo = try await connection.client.objectInfo()
        } catch {
            throw HarnessError.server(
                url: connection.endpoint.displayURL, reason: "cannot read /object_info: \(error)",
                hint: "pass --no-preflight to skip the node check")
        }
        let diagnostics = WorkflowPreflight.check(scenario, objectInfo: objectInfo)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw ScenarioError(diagnostics: diagnostics)
        }
        var checked = scenario
        for index in checked.workflows.indices {
            let detected = WorkflowPreparer.seedInputs(in: checked.workflows[index].prompt, objectInfo: objectInfo)
            if !detected.isEmpty { checked.workflows[index].seedInputs = detected }
        }
        return checked
    }
}
