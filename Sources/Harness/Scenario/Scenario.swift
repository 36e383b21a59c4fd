/// A validated scenario file: what to send, to which servers, at what load, and what must hold.
public struct Scenario: Sendable {
    public var version: Int
    public var name: String
    /// The scenario file as given on the command line (diagnostics and reports name it this way).
    public var sourcePath: String
    /// Base URLs without a trailing slash; more than one drives a fleet.
    public var servers: [String]
    public var workflows: [WorkflowSpec]
    public var load: LoadSpec
    public var monitor: MonitorSpec
    public var regression: RegressionSpec?
    public var thresholds: [ThresholdSpec]
    /// Report folder as written (relative to the working directory), nil for the CLI default.
    public var output: String?
    /// Problems that do not stop a run (e.g. a workflow without a seed cannot bust the cache).
    public var warnings: [Diagnostic]
    /// How prompts are spread over several servers.
    public var fleet: FleetPolicy = .roundRobin
    /// The capacity sweep's plan (`comfy-harness sweep`); nil when the file has no `sweep:` section.
    public var sweep: SweepSpec?
    /// Timeouts, reply size cap and retry policy of every request (`http:`).
    public var http = HTTPSpec()

    public init(
        version: Int = 1, name: String, sourcePath: String, servers: [String], workflows: [WorkflowSpec],
        load: LoadSpec, monitor: MonitorSpec = MonitorSpec(), regression: RegressionSpec? = nil,
        thresholds: [ThresholdSpec] = [], output: String? = nil, warnings: [Diagnostic] = []
    ) {
        self.version = version
        self.name = name
        self.sourcePath = sourcePath
        self.servers = servers
        self.workflows = workflows
        self.load = load
        self.monitor = monitor
        self.regression = regression
        self.thresholds = thresholds
        self.output = output
        self.warnings = warnings
    }

    /// The workflow with this name, if any.
    public func workflow(named name: String) -> WorkflowSpec? {
        workflows.first { $0.name == name }
    }
}
