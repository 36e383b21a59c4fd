import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// Every outcome class, each produced by the situation that causes it on a real server.
@Suite("Prompt outcomes", .serialized)
struct OutcomeTests {
    @Test("a fixed seed makes every prompt after the first a cache hit: flagged, not timed")
    func cached() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 1\nrequests: 3\ntimeout: 30s", seed: "42")
        let (report, records) = try await bed.run(scenario)
        #expect(records.map(\.outcome) == [.ok, .cached, .cached])
        #expect(report.overall.cached == 2)
        #expect(report.overall.metrics["latency"]?.count == 1)
    }

    @Test("a workflow the server rejects is a validation error with the node's message")
    func validation() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "requests: 2\ntimeout: 30s", workflow: DriverTestBed.workflow(stepsValue: "100000"))
        let (report, records) = try await bed.run(scenario, preflight: false)
        #expect(records.allSatisfy { $0.outcome == .validation })
        #expect(records.first?.failure?.message.contains("steps") == true)
        // No thresholds, but not one prompt got through: the run fails as a runtime failure.
        #expect(report.verdict.exitCode == 1)
        #expect(report.verdict.reasons == ["no prompt succeeded (2 validation)"])
    }

    @Test("preflight stops a bad workflow before any prompt is sent")
    func preflightRejects() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "requests: 2\ntimeout: 30s", workflow: DriverTestBed.workflow(stepsValue: "100000"))
        await #expect(throws: ScenarioError.self) { _ = try await bed.run(scenario) }
        #expect(await bed.simulator.records().isEmpty)
    }

    @Test("HTTP errors from /prompt are counted as http with their status")
    func httpErrors() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/prompt", status: 503, every: 2)])
        let bed = try await DriverTestBed.start(faults: faults)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "requests: 6\ntimeout: 30s")
        let (report, records) = try await bed.run(scenario)
        #expect(records.count == 6)
        #expect(records.filter { $0.outcome == .http }.count == 3)
        #expect(records.filter { $0.outcome == .http }.allSatisfy { $0.failure?.status == 503 })
        #expect(report.overall.outcomes["ok"] == 3)
    }

    @Test("a corrupt input image ends in execution_error with node and exception")
    func executionError() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        let uploaded = try await bed.client().uploadImage(
            Array("\u{89}PNG\r\n\u{1A}\nnot really".utf8), filename: "broken.png", subfolder: nil, type: "input", overwrite: true)
        let workflow = """
            {"1": {"class_type": "LoadImage", "inputs": {"image": "\(uploaded.name)"}},
             "2": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x", "images": ["1", 0]}}}
            """
        let scenario = try bed.scenario(load: "requests: 1\ntimeout: 30s", workflow: workflow)
        let (report, records) = try await bed.run(scenario, preflight: false)
        let record = try #require(records.first)
        #expect(record.outcome == .execution)
        #expect(record.failure?.nodeType == "LoadImage")
        #expect(record.failure?.exceptionType != nil)
        #expect(report.overall.errorExamples.first?.outcome == .execution)
    }

    @Test("a prompt interrupted on the server is counted as interrupted")
    func interrupted() async throws {
        let bed = try await DriverTestBed.start(step: 0.05)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "requests: 1\ntimeout: 30s", workflow: DriverTestBed.workflow(steps: 40))
        let client = try bed.client()
        let simulator = bed.simulator
        let (_, records) = try await bed.run(scenario) { _ in
            while await !simulator.records().contains(where: { $0.outcome == .running }) {
                try? await Task.sleep(for: .milliseconds(20))
            }
            try? await Task.sleep(for: .milliseconds(100))
            try? await client.interrupt(promptID: nil)
        }
        #expect(records.first?.outcome == .interrupted)
        #expect(records.first?.failure?.nodeType == "KSampler")
    }

    @Test(
        "a prompt past its timeout is counted as timeout and removed from the server",
        .disabled(if: SanitizerRun.isActive, "a 300 ms prompt timeout: too short under a sanitizer"))
    func timeout() async throws {
        let bed = try await DriverTestBed.start(step: 0.05)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 2\nrequests: 2\ntimeout: 300ms", workflow: DriverTestBed.workflow(steps: 40))
        let (_, records) = try await bed.run(scenario)
        #expect(records.map(\.outcome) == [.timeout, .timeout])
        let queue = try await bed.client().queue()
        #expect(queue.pending.isEmpty)
        // The simulator stops a running prompt at its next step: wait for that (bounded), not a fixed time.
        var removed = false
        for _ in 0..<100 where !removed {
            removed = await bed.simulator.records().allSatisfy { $0.outcome == .interrupted || $0.outcome == .deleted }
            if !removed { try await Task.sleep(for: .milliseconds(50)) }
        }
        let outcomes = await bed.simulator.records().map(\.outcome)
        #expect(removed, "\(outcomes)")
    }

    @Test("a prompt that vanishes from the server (no events, no history, not queued) is lost")
    func lost() async throws {
        let bed = try await DriverTestBed.start(step: 0.05)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 2\nrequests: 2\ntimeout: 2s", workflow: DriverTestBed.workflow(steps: 10))
        let client = try bed.client()
        let simulator = bed.simulator
        let (_, records) = try await bed.run(scenario) { _ in
            // Someone else clears the queue while our second prompt waits in it.
            // Wait for one prompt running and the other queued behind it.
            while await !Set(simulator.records().map(\.outcome)).isSuperset(of: [.running, .pending]) {
                try? await Task.sleep(for: .milliseconds(10))
            }
            try? await client.clearPending()
        }
        #expect(records.map(\.outcome).sorted { $0.rawValue < $1.rawValue } == [.lost, .ok])
    }

    @Test("an unreachable server is a connection error")
    func connection() async throws {
        let endpoint = try ServerEndpoint(url: "http://127.0.0.1:9")
        let connection = ServerConnection(endpoint: endpoint, http: HTTPSpec(timeout: .seconds(2)))
        defer { Task { await connection.close() } }
        let lifecycle = PromptLifecycle(connection: connection, clock: RunClock(), timeout: 5, download: .measure)
        let record = await lifecycle.run(PlannedPrompt(sequence: 0, workflow: "w", seed: 1, prompt: .object([:])), scheduledAt: 0)
        #expect(record.outcome == .connection)
        #expect(record.failure?.message.contains("127.0.0.1:9") == true)
    }
}
