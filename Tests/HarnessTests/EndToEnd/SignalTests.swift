import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// Ctrl-C and SIGTERM on the real binary in the middle of a run.
@Suite("Signals, end to end", .serialized)
struct SignalTests {
    @Test("SIGINT and SIGTERM: the queue is left empty of the run's prompts, every record and report is written", arguments: [SIGINT, SIGTERM])
    func stopBySignal(_ signalNumber: Int32) async throws {
        let bed = try await DriverTestBed.start(step: 0.05)
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(load: "concurrency: 5\nrequests: 50\ntimeout: 60s", workflow: DriverTestBed.workflow(steps: 20))
        let output = bed.folder + "/out"
        let harness = try RunningHarness(["run", bed.folder + "/scenario.yaml", "--output", output, "--quiet"])
        let simulator = bed.simulator
        for _ in 0..<500 where await simulator.records().filter({ $0.outcome == .pending }).count < 4 {
            try await Task.sleep(for: .milliseconds(10))
        }
        harness.signal(signalNumber)
        let result = try await harness.wait()
        #expect(result.status == 128 + signalNumber, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("stopping"))

        let queue = try await bed.client().queue()
        let mine = (queue.pending + queue.running).filter { $0.clientID?.hasPrefix("comfy-harness-") == true }
        #expect(mine.isEmpty)
        let (records, skipped) = try SamplesWriter.read(path: output + "/samples.jsonl")
        #expect(skipped == 0)
        let submitted = await simulator.records().count
        #expect(records.count == submitted)
        #expect(Set(records.map(\.promptID)).count == records.count)
        let report = try RunReport.read(from: output + "/run.json")
        #expect(report.stoppedEarly)
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
    }
}
