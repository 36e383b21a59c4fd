import ComfyClient
import ComfySimulator
import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import Harness

/// The server process killed mid-run and started again on the same port (its queue and history gone).
@Suite("Faults: server restart", .serialized)
struct ServerRestartFaultTests {
    /// Expected: the prompts the dead server held are `lost` within a few poll intervals of it coming
    /// back (not at their 30 s timeout); arrivals during the outage are `connection`; later arrivals are
    /// `ok` on the new server; every prompt has its one line and the report is written (exit 0: no thresholds).
    @Test("open model: in-flight prompts become lost, outage submits are connection errors, the run continues")
    func restartDuringOpenLoad() async throws {
        let bed = try await DriverTestBed.start(step: 0.02)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "mode: open\nrate: 8/s\nrequests: 40\nmax_in_flight: 20\ntimeout: 30s",
            workflow: DriverTestBed.workflow(steps: 4))
        let first = bed.simulator
        let state = NIOLockedValueBox<(inFlight: [String], second: ComfySimulator?)>(([], nil))
        let (report, _) = try await bed.run(scenario) { _ in
            while await !first.records().contains(where: { $0.outcome == .running }) {
                try? await Task.sleep(for: .milliseconds(5))
            }
            let held = await first.records().filter { $0.outcome == .running || $0.outcome == .pending }.map(\.promptID)
            let second = try? await FaultServers.restart(first, after: .milliseconds(1500))
            state.withLockedValue { $0 = (held, second) }
        }
        let (held, second) = state.withLockedValue { $0 }
        let restarted = try #require(second)
        defer { Task { await restarted.stop() } }
        let accepted = await first.records() + restarted.records()
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 40, accepted: accepted)

        #expect(!held.isEmpty)
        for id in held {
            let record = try #require(check.records.first { $0.promptID == id })
            // Accepted by the dead server: lost. (One whose reply the kill cut off is a connection error.)
            #expect([.lost, .connection].contains(record.outcome), "\(id): \(record.outcome)")
        }
        let lost = check.records.filter { $0.outcome == .lost }
        #expect(!lost.isEmpty)
        #expect(lost.allSatisfy { $0.failure?.message.contains("neither queued nor in /history") == true })
        #expect(check.count(.connection) >= 3, "arrivals during the 1.5 s outage: \(check.outcomes)")
        #expect(check.records.filter { $0.outcome == .connection }.allSatisfy {
            $0.failure?.message.contains("couldn't connect") == true || $0.failure?.message.contains("closed the connection") == true
        })
        #expect(check.count(.ok) >= 15, "the run went on after the restart: \(check.outcomes)")
        #expect(await restarted.records().filter { $0.outcome == .success }.count >= 15)
        // Lost was decided by polling once the server was back, long before the 30 s prompt timeout.
        #expect(report.durationSeconds < 25)
        #expect(check.count(.timeout) == 0)
        #expect(report.socketDisconnects >= 1)
        #expect(report.verdict.exitCode == 0)
    }

    /// Expected: a 4 s outage, longer than the 2 s prompt timeout. The prompt that was running times out
    /// (the server cannot be asked); the closed worker's submits are refused (`connection`) but it backs
    /// off (250 ms doubling, ≤ 5 s) instead of spending the 14-prompt budget in a spin; once the server
    /// is back the remaining prompts run, and the `errors.rate` threshold makes the exit code 99.
    @Test("closed model: a long outage costs a few connection errors, not the request budget")
    func longOutageClosedLoad() async throws {
        let bed = try await DriverTestBed.start(step: 0.02)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 1\nrequests: 14\ntimeout: 2s", workflow: DriverTestBed.workflow(steps: 4),
            extra: "thresholds: {errors.rate: < 1%}")
        let first = bed.simulator
        let second = NIOLockedValueBox<ComfySimulator?>(nil)
        let (report, _) = try await bed.run(scenario) { _ in
            while await first.records().filter({ $0.outcome == .success }).count < 3 {
                try? await Task.sleep(for: .milliseconds(5))
            }
            let restarted = try? await FaultServers.restart(first, after: .seconds(4))
            second.withLockedValue { $0 = restarted }
        }
        let restarted = try #require(second.withLockedValue { $0 })
        defer { Task { await restarted.stop() } }
        let check = try FaultRunCheck.verify(
            folder: bed.folder + "/report", issued: 14, accepted: await first.records() + restarted.records())
        #expect(check.count(.connection) >= 1)
        #expect(check.count(.connection) <= 6, "a spinning worker would spend the rest of the budget: \(check.outcomes)")
        #expect(check.count(.ok) >= 6, "\(check.outcomes)")
        #expect(report.verdict.exitCode == 99)
        #expect(report.verdict.reasons.contains { $0.contains("errors.rate") })
    }
}
