import ComfyClient

/// One prompt the run will submit: which workflow, with which seed, as the exact JSON to POST.
public struct PlannedPrompt: Sendable {
    public var sequence: Int
    public var workflow: String
    public var seed: Int?
    public var prompt: JSONValue

    public init(sequence: Int, workflow: String, seed: Int?, prompt: JSONValue) {
        self.sequence = sequence
        self.workflow = workflow
        self.seed = seed
        self.prompt = prompt
    }
}

/// What to do with a finished prompt's output files.
public enum DownloadPolicy: Sendable, Equatable {
    /// Download every output (timed as `download`) and discard the bytes: load runs.
    case measure
    /// Download and keep them under this folder as `<workflow>/seed-<seed>/<n>.png`: regression runs.
    case keep(directory: String)
    /// Do not download.
    case skip
}
