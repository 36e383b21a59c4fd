import ComfyClient

/// The scenario as `run.json` records it: enough to know what ran and to re-evaluate thresholds
/// offline, with every secret removed (no auth, no URL userinfo; workflow bodies are not copied).
public struct ScenarioSnapshot: Sendable, Codable, Equatable {
    /// One workflow of the mix.
    public struct Workflow: Sendable, Codable, Equatable {
        public var name: String
        public var file: String?
        public var weight: Double
        /// `random`, a fixed seed (`42`) or a list (`42,7`).
        public var seed: String
    }

    public var version: Int
    public var name: String
    public var file: String
    public var servers: [String]
    public var workflows: [Workflow]
    public var load: RunReport.LoadSettings
    public var monitorIntervalSeconds: Double
    public var thresholds: [ThresholdDefinition]
    /// The `http:` settings the run used (absent in reports written before they existed).
    public var http: HTTPSettings?

    /// Timeouts, reply cap and retries, in base units.
    public struct HTTPSettings: Sendable, Codable, Equatable {
        public var timeoutSeconds: Double
        public var downloadTimeoutSeconds: Double
        public var maxReplyBytes: Int
        public var submitRetries: Int
        public var getRetries: Int
        public var backoffSeconds: Double
    }

    public init(_ scenario: Scenario) {
        version = scenario.version
        name = scenario.name
        file = SecretRedactor.redactURL(scenario.sourcePath)
        servers = scenario.servers.map(SecretRedactor.redactURL)
        workflows = scenario.workflows.map { spec in
            let seed: String
            switch spec.seed {
            case .random: seed = "random"
            case .fixed(let value): seed = String(value)
            case .list(let values): seed = values.map(String.init).joined(separator: ",")
            }
            return Workflow(name: spec.name, file: spec.sourcePath, weight: spec.weight, seed: seed)
        }
        load = RunReport.LoadSettings(scenario.load)
        monitorIntervalSeconds = Double(scenario.monitor.interval.components.seconds)
            + Double(scenario.monitor.interval.components.attoseconds) / 1e18
        thresholds = scenario.thresholds.map(ThresholdDefinition.init)
        let spec = scenario.http
        http = HTTPSettings(
            timeoutSeconds: spec.timeout.seconds, downloadTimeoutSeconds: spec.downloadTimeout.seconds,
            maxReplyBytes: spec.maxReplyBytes, submitRetries: spec.retry.submitRetries, getRetries: spec.retry.getRetries,
            backoffSeconds: spec.retry.backoff.seconds)
    }
}

/// A threshold as written in the scenario, in base units, so `report` can re-check it without the YAML.
public struct ThresholdDefinition: Sendable, Codable, Equatable {
    /// `[workflow/]metric.statistic`.
    public var key: String
    public var metric: String
    public var statistic: String
    /// `<`, `<=`, `>`, `>=` or `==`.
    public var comparison: String
    /// In base units: seconds, bytes, a ratio, per minute, a count.
    public var value: Double
    public var workflow: String?
    public var abortOnFail: Bool
    /// The condition as written (`< 30s`).
    public var text: String

    public init(_ spec: ThresholdSpec) {
        key = spec.key
        metric = spec.metric
        statistic = spec.statistic
        comparison = spec.comparison.rawValue
        value = spec.value
        workflow = spec.workflow
        abortOnFail = spec.abortOnFail
        text = spec.text
    }

    /// The spec the evaluator takes; nil when the comparison is not one this version knows.
    public func spec(file: String) -> ThresholdSpec? {
        guard let comparison = Comparison(rawValue: comparison) else { return nil }
        return ThresholdSpec(
            metric: metric, statistic: statistic, comparison: comparison, value: value, workflow: workflow,
            abortOnFail: abortOnFail, text: text, location: .start(of: file))
    }
}
