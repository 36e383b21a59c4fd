/// Every problem found while loading a scenario, reported together so one edit fixes them all.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// Errors and warnings, sorted by file and position.
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    public var description: String {
        let count = errors.count
        let summary = "\(count) error\(count == 1 ? "" : "s") in scenario"
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }
}
