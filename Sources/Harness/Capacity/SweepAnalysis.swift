import Foundation

/// Assembles a sweep's capacity findings (saturation, knee, queue-wait growth, USL fit, the plain
/// sentence and the exit code) from its steps: pure, so every number in `sweep.json` is testable.
public enum SweepAnalysis {
    /// What the analysis needs beyond the steps.
    public struct Context: Sendable {
        public var mode: LoadMode
        public var slos: [ThresholdSpec]
        public var flatGain: Double
        public var servers: Int

        public init(mode: LoadMode, slos: [ThresholdSpec], flatGain: Double, servers: Int) {
            self.mode = mode
            self.slos = slos
            self.flatGain = flatGain
            self.servers = servers
        }
    }

    /// The findings, as the fields of `SweepResult` they fill.
    public struct Findings: Sendable, Equatable {
        public var saturation: SweepResult.Point?
        public var knee: SweepResult.Point?
        public var queueWaitGrowth: Double?
        public var queueWaitStatistic: String
        public var usl: USLFit?
        public var sentence: String
        public var exitCode: Int32
    }

    public static func findings(_ steps: [SweepStep], context: Context) -> Findings {
        let statistic = context.slos.first { $0.metric == "queue_wait" && $0.workflow == nil }?.statistic ?? "p95"
        let saturation = KneeFinder.saturation(steps).map(point)
        let kneeStep = KneeFinder.knee(steps, hasSLO: !context.slos.isEmpty, flatGain: context.flatGain)
        // Queue wait grows linearly once the server is saturated, so the slope is read over every
        // saturated level (more points than the knee's neighbours alone: a tail statistic is noisy).
        let saturatedFrom = KneeFinder.knee(steps, hasSLO: false, flatGain: context.flatGain)?.level
        let growth = kneeStep.flatMap { knee in
            KneeFinder.queueWaitGrowth(steps, from: min(knee.level, saturatedFrom ?? knee.level), statistic: statistic)
        }
        let loads = steps.map { context.mode == .closed ? $0.level : $0.meanInFlight }
        let usl = USLFit.fit(loads: loads, throughputs: steps.map(\.promptsPerMinute))
        let sentence = self.sentence(
            knee: kneeStep, growth: growth, steps: steps, context: context, statistic: statistic)
        let failed = !context.slos.isEmpty && kneeStep == nil && !steps.isEmpty
        return Findings(
            saturation: saturation, knee: kneeStep.map(point), queueWaitGrowth: growth, queueWaitStatistic: statistic,
            usl: usl, sentence: sentence, exitCode: failed ? 99 : 0)
    }

    static func point(_ step: SweepStep) -> SweepResult.Point {
        SweepResult.Point(level: step.level, promptsPerMinute: step.promptsPerMinute, imagesPerMinute: step.imagesPerMinute)
    }

    /// "At queue_wait.p95 < 30s this server sustains N images/min at concurrency C; beyond C queue
    /// wait grows by X s per added client."
    static func sentence(
        knee: SweepStep?, growth: Double?, steps: [SweepStep], context: Context, statistic: String
    ) -> String {
        let condition =
            context.slos.isEmpty
            ? "the knee (throughput within \(Int((context.flatGain * 100).rounded()))% of its peak)"
            : context.slos.map { "\($0.key) \($0.text)" }.joined(separator: " and ")
        let subject = context.servers > 1 ? "this fleet of \(context.servers) servers" : "this server"
        guard let knee else {
            guard let first = steps.min(by: { $0.level < $1.level }) else { return "No load level was measured." }
            return "No load level met \(condition): even \(levelText(first.level, context.mode)) breaks it."
        }
        let level = levelText(knee.level, context.mode)
        var text = String(format: "At %@ %@ sustains %.1f images/min at %@", condition, subject, knee.imagesPerMinute, level)
        let short = context.mode == .closed ? String(format: "%.0f", knee.level) : String(format: "%.1f prompts/min", knee.level * 60)
        let unit = context.mode == .closed ? "client" : "prompt/min of arrivals"
        if let growth {
            // Open levels are per second; people read arrival rates per minute.
            let perUnit = context.mode == .closed ? growth : growth / 60
            text += String(format: "; beyond %@ queue wait (%@) grows by %.3f s per added %@.", short, statistic, perUnit, unit)
        } else {
            text += "; no level beyond \(short) was measured."
        }
        return text
    }

    static func levelText(_ level: Double, _ mode: LoadMode) -> String {
        mode == .closed ? String(format: "concurrency %.0f", level) : String(format: "%.1f prompts/min offered", level * 60)
    }
}
