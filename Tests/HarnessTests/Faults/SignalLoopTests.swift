import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// Ctrl-C and SIGTERM at seeded random moments of a run of the built binary, ten times over.
@Suite("Faults: signals at random moments", .serialized)
struct SignalLoopTests {
    /// Expected every time: exit 128 + the signal; every line of samples.jsonl is a whole JSON object
    /// and every prompt the server accepted has exactly one; run.json and index.html are written and say
    /// the run stopped early; none of this run's prompts is left pending or running on the server.
    @Test("SIGINT/SIGTERM at random moments: no torn line, reports written, the queue left clean")
    func signalLoop() async throws {
        var random = SplitMix64(seed: 0xC0FF_EE15)
        for iteration in 0..<10 {
            let signalNumber = random.next() % 2 == 0 ? SIGINT : SIGTERM
            let afterPrompts = Int(random.next() % 6) + 1
            let extraDelay = Duration.milliseconds(Int(random.next() % 300))
            let context = "iteration \(iteration): signal \(signalNumber) after \(afterPrompts) prompts + \(extraDelay)"

            let bed = try await DriverTestBed.start(step: 0.01)
            defer { Task { await bed.stop() } }
            _ = try bed.scenario(
                load: "concurrency: 3\nrequests: 500\ntimeout: 60s", workflow: DriverTestBed.workflow(steps: 6))
            let output = bed.folder + "/out"
            let harness = try RunningHarness(["run", bed.folder + "/scenario.yaml", "--output", output, "--quiet"])
            let simulator = bed.simulator
            for _ in 0..<1000 where await simulator.records().count < afterPrompts {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: extraDelay)
            harness.signal(signalNumber)
            let result = try await harness.wait(timeout: 30)
            #expect(result.status == 128 + signalNumber, "\(context): \(result.stderr)")

            let accepted = await simulator.records()
            let check = try FaultRunCheck.verify(folder: output, issued: nil, accepted: accepted)
            #expect(check.report.stoppedEarly, "\(context)")
            #expect(check.records.count < 500, "\(context): the run was stopped, not finished")
            let queue = try await bed.client().queue()
            #expect((queue.pending + queue.running).isEmpty, "\(context): left on the server: \(queue)")
            #expect(
                accepted.allSatisfy { ![.pending, .running].contains($0.outcome) },
                "\(context): \(accepted.map(\.outcome))")
        }
    }
}
