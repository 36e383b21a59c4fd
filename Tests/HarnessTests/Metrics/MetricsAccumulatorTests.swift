import ComfyClient
import Foundation
import Histogram
import Testing

@testable import Harness

@Suite("Metrics from prompt records")
struct MetricsAccumulatorTests {
    func record(_ sequence: Int, outcome: PromptOutcome = .ok, scheduled: Double, done: Double, warmup: Bool = false) -> PromptRecord {
        var record = PromptRecord(promptID: "p\(sequence)", sequence: sequence, workflow: "w", seed: sequence, server: "s", scheduledAt: scheduled)
        record.outcome = outcome
        record.warmup = warmup
        record.sentAt = scheduled
        record.acceptedAt = scheduled + 0.01
        record.createTimeMs = 1_000_000
        record.executionStartMs = 1_000_000 + Int64(sequence) * 1000
        record.terminalMs = record.executionStartMs! + 2000
        record.finishedAt = done
        record.downloadedAt = done + 0.05
        record.outputs = [OutputFile(filename: "x\(sequence).png", subfolder: "", type: "output")]
        record.phases = [
            .init(node: "3", classType: "KSampler", startedAt: done - 2, seconds: 1.0, steps: [done - 1.9, done - 1.65, done - 1.4, done - 1.15])
        ]
        return record
    }

    @Test("queue wait and exec come from server timestamps, latency from the schedule")
    func serverAndClientClocks() throws {
        var accumulator = MetricsAccumulator()
        accumulator.add(record(1, scheduled: 0, done: 3))
        let summary = GroupSummary(accumulator.overall)
        #expect(summary.metrics["queue_wait"]?.p50 == 1.0)
        #expect(summary.metrics["exec"]?.p50 == 2.0)
        let latency = try #require(summary.metrics["latency"]?.max)
        #expect(abs(latency - 3.05) < 0.01)
        #expect(abs(try #require(summary.metrics["step_time"]?.p50) - 0.25) < 0.001)
        #expect(abs(try #require(summary.metrics["first_step"]?.p50) - 0.1) < 0.001)
        #expect(summary.metrics["node_time.KSampler"]?.count == 1)
    }

    @Test("warm-up and cached prompts stay out of the latency statistics")
    func exclusions() {
        var accumulator = MetricsAccumulator()
        accumulator.add(record(1, scheduled: 0, done: 100, warmup: true))
        accumulator.add(record(2, outcome: .cached, scheduled: 1, done: 1.1))
        accumulator.add(record(3, scheduled: 2, done: 5))
        let summary = GroupSummary(accumulator.overall)
        #expect(summary.warmup == 1)
        #expect(summary.cached == 1)
        #expect(summary.metrics["latency"]?.count == 1)
        #expect(summary.prompts == 2)
        #expect(summary.errors == 0)
    }

    @Test("throughput is completions over the wall-clock window, not summed execution time")
    func throughputFromWindow() {
        var accumulator = MetricsAccumulator()
        // Four prompts overlapping in time, each 2 s of exec: window 0 → 4.05 s.
        for index in 0..<4 { accumulator.add(record(index, scheduled: Double(index) * 0.5, done: 2.5 + Double(index) * 0.5)) }
        let summary = GroupSummary(accumulator.overall)
        #expect(abs(summary.windowSeconds - 4.05) < 1e-9)
        #expect(abs(summary.promptsPerMinute - 4 / 4.05 * 60) < 1e-9)
    }

    @Test("errors are counted by class with a first example")
    func errorClasses() {
        var accumulator = MetricsAccumulator()
        var failed = record(1, outcome: .execution, scheduled: 0, done: 1)
        failed.failure = .init(message: "CUDA out of memory", node: "3", nodeType: "KSampler", exceptionType: "torch.OutOfMemoryError")
        accumulator.add(failed)
        accumulator.add(failed)
        accumulator.add(record(2, scheduled: 0, done: 1))
        let summary = GroupSummary(accumulator.overall)
        #expect(summary.errors == 2)
        #expect(abs(summary.errorRate - 2.0 / 3.0) < 1e-9)
        #expect(summary.errorExamples.first?.count == 2)
        #expect(summary.errorExamples.first?.nodeType == "KSampler")
    }

    @Test("histogram buckets rebuild the same percentiles")
    func bucketsRoundTrip() throws {
        var histogram = LatencyHistogram()
        for value in stride(from: 0.001, to: 5, by: 0.0137) { histogram.record(seconds: value) }
        let summary = try #require(histogram.summary())
        let rebuilt = try #require(LatencyHistogram(buckets: summary.buckets).summary())
        #expect(rebuilt.p99 == summary.p99)
        #expect(rebuilt.count == summary.count)
    }

    @Test("mean and stddev from the collected buckets equal HdrHistogram's own, to the bit")
    func momentsMatchTheLibrary() throws {
        var histogram = LatencyHistogram()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { histogram.record(seconds: Double.random(in: 0.0001...30, using: &generator)) }
        for value in [0.002, 0.002, 0.002, 120.0] { histogram.record(seconds: value) }
        let summary = try #require(histogram.summary())
        #expect(summary.mean == histogram.histogram.mean / 1_000_000)
        #expect(summary.stddev == histogram.histogram.stdDeviation / 1_000_000)
    }

    @Test("per-workflow and per-server groups equal folding each key's records alone, before and after a second key")
    func breakdownsMatchSeparateFolds() throws {
        let keys: [(workflow: String, server: String)] = [
            ("a", "s1"), ("a", "s1"), ("a", "s1"), ("b", "s1"), ("a", "s2"), ("b", "s2"), ("c", "s1"), ("a", "s1"),
        ]
        var accumulator = MetricsAccumulator()
        var byWorkflow: [String: MetricsAccumulator] = [:]
        var byServer: [String: MetricsAccumulator] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func same(_ groups: [String: MetricsAccumulator.Group], _ reference: [String: MetricsAccumulator]) throws {
            #expect(Set(groups.keys) == Set(reference.keys))
            for (key, group) in groups {
                let expected = try #require(reference[key]).overall
                #expect(try encoder.encode(GroupSummary(group)) == encoder.encode(GroupSummary(expected)), "\(key)")
            }
        }
        for (index, key) in keys.enumerated() {
            var next = record(index, outcome: index == 5 ? .execution : .ok, scheduled: Double(index), done: Double(index) + 2.5 + Double(index % 3), warmup: index == 0)
            next.workflow = key.workflow
            next.server = key.server
            accumulator.add(next)
            byWorkflow[key.workflow, default: MetricsAccumulator()].add(next)
            byServer[key.server, default: MetricsAccumulator()].add(next)
            try same(accumulator.workflows, byWorkflow)
            try same(accumulator.servers, byServer)
        }
    }
}
