import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// HTTP 500/502/503 on a share of requests, and the retry policy of `http.retries`.
@Suite("Faults: HTTP error statuses and retries", .serialized)
struct HTTPErrorFaultTests {
    /// 500 on every 3rd `POST /prompt`, 502 on every 5th, 503 on every 7th (one client, so the order is fixed):
    /// of 15 submits, #3 6 9 12 15 get 500, #5 10 get 502, #7 14 get 503.
    static let submitFaults = SimulatorFaults(httpErrors: [
        .init(route: "/prompt", status: 500, every: 3), .init(route: "/prompt", status: 502, every: 5),
        .init(route: "/prompt", status: 503, every: 7),
    ])

    /// Expected with the default policy (submits are never retried): 9 `http` records with their
    /// statuses, 6 `ok`, and the server queued exactly 6 prompts (nothing was sent twice).
    /// `errors.rate < 50%` is crossed (9/15), so the exit code is 99.
    @Test("default policy: failed submits are recorded once each, never re-sent")
    func submitsAreNotRetriedByDefault() async throws {
        let bed = try await DriverTestBed.start(step: 0.002, faults: Self.submitFaults)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 1\nrequests: 15\ntimeout: 30s", extra: "thresholds: {errors.rate: < 50%}")
        let (report, _) = try await bed.run(scenario)
        let truth = await bed.simulator.records()
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 15, accepted: truth)
        let statuses = check.records.filter { $0.outcome == .http }.map { $0.failure?.status ?? 0 }
        #expect(statuses == [500, 502, 500, 503, 500, 502, 500, 503, 500])
        #expect(check.count(.ok) == 6)
        #expect(truth.count == 6)
        #expect(check.records.filter { $0.outcome == .http }.allSatisfy { $0.failure?.message.contains("/prompt answered HTTP") == true })
        #expect(report.verdict.exitCode == 99)
    }

    /// Expected when every submit gets a 502 and the scenario has no thresholds: every record is
    /// `http`, and the run still fails, with exit 1 (nothing was measured) rather than 0 or 99.
    @Test("a run in which no prompt succeeds fails with exit 1, thresholds or not")
    func nothingSucceededFailsTheRun() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/prompt", status: 502, every: 1)])
        let bed = try await DriverTestBed.start(step: 0.002, faults: faults)
        defer { Task { await bed.stop() } }
        let (report, _) = try await bed.run(try bed.scenario(load: "concurrency: 2\nrequests: 6\ntimeout: 30s"))
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 6, accepted: [])
        #expect(check.count(.http) == 6)
        #expect(report.verdict.exitCode == 1)
        #expect(!report.verdict.passed)
        #expect(report.verdict.reasons == ["no prompt succeeded (6 http)"])
    }

    /// Expected with `retries: {submit: 2}` against 503 on every 2nd submit: every prompt succeeds on
    /// its second attempt, and since the 503 came before the server queued anything, it queued each once.
    @Test("retries.submit: a 503 before queueing is retried and every prompt succeeds")
    func submitRetriesWhenAsked() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/prompt", status: 503, every: 2)])
        let bed = try await DriverTestBed.start(step: 0.002, faults: faults)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 1\nrequests: 8\ntimeout: 30s", extra: "http: {retries: {submit: 2, backoff: 10ms}}")
        let (report, _) = try await bed.run(scenario)
        let truth = await bed.simulator.records()
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 8, accepted: truth)
        #expect(check.count(.ok) == 8, "\(check.outcomes)")
        #expect(truth.count == 8)
        #expect(report.verdict.exitCode == 0)
    }

    /// Expected: `/view` answers 503 to every 2nd download. With the default policy (GETs retried twice)
    /// every prompt is `ok` with its image downloaded; with `retries: {get: 0}` every 2nd prompt is `http`
    /// 503 ("downloading …"), and its record keeps the execution timeline.
    @Test("GETs are retried by default: /view 503s do not fail prompts; with get: 0 they do", arguments: [true, false])
    func getRetries(_ retry: Bool) async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/view", status: 503, every: 2)])
        let bed = try await DriverTestBed.start(step: 0.002, faults: faults)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 1\nrequests: 6\ntimeout: 30s",
            extra: retry ? "http: {retries: {backoff: 10ms}}" : "http: {retries: {get: 0}}")
        _ = try await bed.run(scenario)
        let check = try FaultRunCheck.verify(
            folder: bed.folder + "/report", issued: 6, accepted: await bed.simulator.records())
        if retry {
            #expect(check.count(.ok) == 6, "\(check.outcomes)")
            #expect(check.records.allSatisfy { ($0.downloadBytes ?? 0) > 0 })
        } else {
            let failed = check.records.filter { $0.outcome == .http }
            #expect(failed.count == 3, "\(check.outcomes)")
            #expect(failed.allSatisfy { $0.failure?.status == 503 && $0.failure?.message.hasPrefix("downloading ") == true })
            #expect(failed.allSatisfy { $0.terminalEvent == "execution_success" && $0.executionStartMs != nil })
        }
    }
}
