import Foundation

/// The outcome of `comfy-harness sweep`, written as `sweep.json` (and drawn by `sweep.html`).
public struct SweepResult: Sendable, Codable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion = SweepResult.currentSchemaVersion
    public var scenario: String
    public var scenarioFile: String
    public var startedAt: String
    public var durationSeconds: Double
    /// `closed` (levels are clients) or `open` (levels are arrivals per second).
    public var mode: String
    public var servers: [String]
    public var fleet: String
    public var environment: [EnvironmentFingerprint]
    /// The SLOs as written (`queue_wait.p95 < 30s`).
    public var slos: [String]
    public var settleSeconds: Double
    public var measureSeconds: Double
    /// Between steps the load stops and in-flight prompts finish (each step starts from an empty queue).
    public var betweenSteps = "drain"
    public var steps: [SweepStep]
    public var stopReason: String?
    public var saturation: Point?
    public var knee: Point?
    /// Seconds of queue wait added per unit of load beyond the knee (the slope over the saturated levels).
    public var queueWaitGrowth: Double?
    /// The statistic the growth and the SLO line use (`p95` unless the SLO names another).
    public var queueWaitStatistic: String
    /// Fitted on (level, prompts/min) in closed mode, on (mean in flight, prompts/min) in open mode.
    public var usl: USLFit?
    public var sentence: String
    public var exitCode: Int32
    /// The idle browser-like sockets held open for the whole sweep (`load.idle_sockets`), if any.
    public var idleSockets: IdleSocketSummary? = nil

    /// A load level and what it delivered.
    public struct Point: Sendable, Codable, Equatable {
        public var level: Double
        public var promptsPerMinute: Double
        public var imagesPerMinute: Double
    }

    public func write(to path: String) throws {
        try ReportJSON.write(self, to: path, what: "the sweep report")
    }

    public static func read(from path: String) throws -> SweepResult {
        try ReportJSON.read(SweepResult.self, from: path, what: "sweep.json", hint: "pass a sweep folder that holds sweep.json")
    }
}
