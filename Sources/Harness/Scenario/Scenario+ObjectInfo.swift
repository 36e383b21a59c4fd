import ComfyClient

extension Scenario {
    /// The scenario with each workflow's seed inputs taken from the server's `/object_info`
    /// (`control_after_generate` inputs) instead of the by-name guess made at load time.
    public func refiningSeedInputs(objectInfo: [String: JSONValue]) -> Scenario {
        var copy = self
        for index in copy.workflows.indices {
            copy.workflows[index].seedInputs = WorkflowPreparer.seedInputs(
                in: copy.workflows[index].prompt, objectInfo: objectInfo)
        }
        return copy
    }
}
