extension SimulatedPromptRecord {
    /// One JSON object on one line (no trailing newline), for `simulate --records-out`: the ground
    /// truth an out-of-process benchmark compares a client's measurements with. Timestamps are the
    /// server-clock milliseconds the simulator sent; absent ones are `null`.
    public var jsonLine: String {
        func optional(_ value: Int64?) -> SimJSON { value.map { .int($0) } ?? .null }
        let object = SimJSON.obj([
            "promptID": .string(promptID),
            "clientID": clientID.map { .string($0) } ?? .null,
            "number": .double(number),
            "createTimeMs": .int(createTimeMs),
            "startTimeMs": optional(startTimeMs),
            "endTimeMs": optional(endTimeMs),
            "queueWaitMs": optional(queueWaitMs),
            "outcome": .string(outcome.rawValue),
            "steps": .int(Int64(steps)),
            "stepSeconds": .double(stepSeconds),
            "executedNodes": .array(executedNodes.map { .string($0) }),
            "outputs": .array(outputs.map { .string($0) }),
            "historyWritten": .bool(historyWritten),
        ])
        return object.serialized()
    }
}
