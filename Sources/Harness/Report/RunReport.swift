import Foundation

/// The summary of one run, written as `run.json` beside `samples.jsonl` and `system_stats.jsonl`.
public struct RunReport: Sendable, Codable {
    /// Bumped when a field changes meaning or is removed.
    public static let currentSchemaVersion = 1

    public var schemaVersion = RunReport.currentSchemaVersion
    public var scenario: String
    public var scenarioFile: String
    public var startedAt: String
    public var durationSeconds: Double
    public var servers: [String]
    public var environment: [EnvironmentFingerprint]
    public var load: LoadSettings
    public var overall: GroupSummary
    public var workflows: [String: GroupSummary]
    public var monitor: MonitorSummary
    public var timeline: TimelineSummary
    public var thresholds: [ThresholdResult]
    /// The run was stopped early (Ctrl-C, SIGTERM, a threshold with abort_on_fail).
    public var stoppedEarly: Bool
    public var socketDisconnects: Int
    public var samples: SamplesInfo
    public var verdict: Verdict
    /// The fixed-seed regression pass, when the scenario has a `regression:` section.
    public var regression: RegressionSummary?
    /// Per-server statistics of a fleet run (redacted base URL → summary); nil with one server.
    public var perServer: [String: GroupSummary]? = nil
    /// The idle browser-like sockets (`load.idle_sockets`); nil when none were asked for.
    public var idleSockets: IdleSocketSummary? = nil
    /// The scenario that ran (secrets removed) with its threshold definitions, so `report` can
    /// re-evaluate thresholds offline; nil in a report rebuilt from a bare samples.jsonl.
    public var scenarioDefinition: ScenarioSnapshot? = nil
    /// What a regenerated or merged report could not compute, in words (absent for a live run).
    public var notes: [String]? = nil

    /// Where the per-prompt records are and how many were written.
    public struct SamplesInfo: Sendable, Codable, Equatable {
        public var file: String
        public var lines: Int
        public var writeErrors: [String]
    }

    /// Pass or fail, the exit code, and the reasons in words.
    public struct Verdict: Sendable, Codable, Equatable {
        public var passed: Bool
        public var exitCode: Int32
        public var reasons: [String]
        /// The abort_on_fail thresholds that stopped the run early, as written (`queue_wait.p95 < 30s`).
        public var abortedBy: [String]? = nil
    }

    /// The load as configured, for the report header.
    public struct LoadSettings: Sendable, Codable, Equatable {
        public var mode: String
        public var concurrency: Int?
        public var ratePerSecond: Double?
        public var arrival: String?
        public var maxInFlight: Int?
        public var stages: Int
        public var requests: Int?
        public var durationSeconds: Double?
        public var warmup: Int
        public var timeoutSeconds: Double
    }

    /// Writes the report as pretty JSON to `path` (atomically: a crash never leaves half a file).
    public func write(to path: String) throws {
        try ReportJSON.write(self, to: path, what: "the report")
    }

    public static func read(from path: String) throws -> RunReport {
        try ReportJSON.read(RunReport.self, from: path, what: "run.json", hint: "pass a run folder that holds run.json")
    }
}

extension RunReport.LoadSettings {
    /// The scenario's load section as the report shows it.
    public init(_ load: LoadSpec) {
        mode = load.mode.rawValue
        concurrency = load.mode == .closed ? load.concurrency : nil
        ratePerSecond = load.mode == .open ? load.rate : nil
        arrival = load.mode == .open ? load.arrival.rawValue : nil
        maxInFlight = load.mode == .open ? load.maxInFlight : nil
        stages = load.stages.count
        requests = load.requests
        durationSeconds = load.effectiveDuration
        warmup = load.warmup
        timeoutSeconds = load.timeout.seconds
    }
}
