import Testing

@testable import Harness

@Suite("Threshold parsing")
struct ThresholdParserTests {
    let here = SourceLocation(file: "s.yaml", line: 3, column: 5)

    func parse(_ key: String, _ value: String) throws -> ThresholdSpec {
        try ThresholdParser.parse(key: key, value: value, location: here)
    }

    /// The message of the diagnostic a bad entry throws.
    func failure(_ key: String, _ value: String) -> Diagnostic? {
        let error = #expect(throws: ScenarioError.self) { try parse(key, value) }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.location == here)
        return error?.diagnostics.first
    }

    @Test(arguments: [
        ("< 30s", 30.0), ("<250ms", 0.25), ("< 500us", 0.0005), ("< 500µs", 0.0005), ("< 2m", 120),
        ("< 2min", 120), ("< 1h", 3600), ("< 1m30s", 90), ("< 1h2m3s", 3723), ("< 1.5", 1.5), ("< 0.5 s", 0.5),
    ])
    func timeUnits(value: String, seconds: Double) throws {
        let spec = try parse("queue_wait.p95", value)
        #expect(spec.value == seconds)
        #expect(spec.metric == "queue_wait" && spec.statistic == "p95")
    }

    @Test(arguments: [
        ("< 512B", 512.0), ("< 1KB", 1e3), ("< 1MB", 1e6), ("< 20GB", 20e9), ("< 1KiB", 1024),
        ("< 2MiB", 2_097_152), ("< 20GiB", 21_474_836_480), ("< 1TiB", 1_099_511_627_776), ("< 1000", 1000),
    ])
    func byteUnits(value: String, bytes: Double) throws {
        #expect(try parse("vram_used.peak", value).value == bytes)
    }

    @Test func ratiosCountsAndRates() throws {
        #expect(try parse("errors.rate", "< 1%").value == 0.01)
        #expect(try parse("errors.rate", "<= 0.05").value == 0.05)
        #expect(try parse("errors.timeout.count", "== 0").metric == "errors.timeout")
        #expect(try parse("cached.count", "== 0").value == 0)
        #expect(try parse("throughput.per_min", "> 6").value == 6)
        #expect(try parse("throughput.per_min", ">= 0.5/s").value == 30)
        #expect(try parse("throughput.images_per_min", "> 120/h").value == 2)
    }

    @Test(arguments: [
        ("<", Comparison.lessThan), ("<=", .lessOrEqual), (">", .greaterThan), (">=", .greaterOrEqual), ("==", .equal),
    ])
    func operators(op: String, comparison: Comparison) throws {
        let spec = try parse("latency.p99", "\(op) 3s")
        #expect(spec.comparison == comparison)
        #expect(spec.text == "\(op) 3s")
    }

    @Test func units() throws {
        #expect(try parse("queue_wait.p95", "< 1s").unit == .seconds)
        #expect(try parse("node_time.VAEDecode.max", "< 1s").unit == .seconds)
        #expect(try parse("latency.count", ">= 10").unit == .count)
        #expect(try parse("errors.rate", "< 1%").unit == .ratio)
        #expect(try parse("vram_used.peak", "< 1GiB").unit == .bytes)
        #expect(try parse("throughput.per_min", "> 1").unit == .perMinute)
    }

    @Test func comparisonSemantics() throws {
        let spec = try parse("latency.p99", "<= 3s")
        #expect(spec.isSatisfied(by: 3) && !spec.isSatisfied(by: 3.01))
        #expect(try parse("throughput.per_min", "> 6").isSatisfied(by: 7))
    }

    @Test func metricShapes() throws {
        let nodeTime = try parse("node_time.KSampler.p99.9", "< 20s")
        #expect(nodeTime.metric == "node_time.KSampler" && nodeTime.statistic == "p99.9")
        let perWorkflow = try parse("txt2img/step_time.p50", "< 0.25s")
        #expect(perWorkflow.workflow == "txt2img" && perWorkflow.metric == "step_time")
        #expect(perWorkflow.key == "txt2img/step_time.p50")
        #expect(try parse("first_step.max", "< 3s").statistic == "max")
        #expect(try parse("torch_vram_reserved.mean", "< 8GiB").metric == "torch_vram_reserved")
    }

    @Test func badEntriesAreRejectedClearly() {
        #expect(failure("queue_wiat.p95", "< 30s")?.hint == "did you mean 'queue_wait'?")
        #expect(failure("queue_wait", "< 30s")?.message == "threshold 'queue_wait' names no statistic")
        #expect(failure("queue_wait.p101", "< 30s")?.message == "'p101' is not a statistic of queue_wait")
        #expect(failure("queue_wait.peak", "< 30s")?.message == "'peak' is not a statistic of queue_wait")
        #expect(
            failure("queue_wait.p95", "30s")?.message == "threshold 'queue_wait.p95' needs a comparison, found '30s'")
        #expect(failure("queue_wait.p95", "<")?.message.contains("needs a comparison") == true)
        #expect(
            failure("queue_wait.p95", "< 30 parsecs")?.message
                == "bad value in threshold 'queue_wait.p95': unknown unit 'parsecs' in '30 parsecs'")
        #expect(failure("queue_wait.p95", "< 20GiB")?.hint == "expected a duration, e.g. 30s, 250ms, 1m30s, 2h")
        #expect(failure("vram_used.peak", "< 20 furlongs")?.message.contains("unknown unit 'furlongs'") == true)
        #expect(failure("errors.rate", "< 5")?.hint == "did you mean '5%'?")
        #expect(failure("errors.rate", "< 5s")?.message.contains("unknown unit 's'") == true)
        #expect(
            failure("txt2img/vram_used.peak", "< 1GiB")?.message == "vram_used is measured per server, not per workflow"
        )
        #expect(failure("/latency.p95", "< 1s")?.message.contains("empty workflow name") == true)
        #expect(failure("latency.p95", "< abc")?.message.contains("not a duration") == true)
    }
}
