import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

@Suite("Stopping a run", .serialized)
struct StopTests {
    @Test("a stop leaves the server's queue empty of this run's prompts and still writes every record")
    func stopCleansTheQueue() async throws {
        let bed = try await DriverTestBed.start(step: 0.05)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 6\nrequests: 30\ntimeout: 60s", workflow: DriverTestBed.workflow(steps: 20))
        let simulator = bed.simulator
        let (report, records) = try await bed.run(scenario) { session in
            while true {
                let outcomes = await simulator.records().map(\.outcome)
                if outcomes.filter({ $0 == .pending }).count >= 5 && outcomes.contains(.running) { break }
                try? await Task.sleep(for: .milliseconds(10))
            }
            session.requestStop()
        }
        let queue = try await bed.client().queue()
        #expect(queue.pending.isEmpty)
        #expect(queue.running.isEmpty)
        #expect(report.stoppedEarly)
        // Six were in flight: one interrupted while running, five deleted while pending.
        #expect(records.count == 6)
        #expect(records.filter { $0.outcome == .interrupted }.count == 1)
        #expect(records.filter { $0.outcome == .cancelled }.count == 5)
        let truth = await simulator.records()
        #expect(truth.filter { $0.outcome == .deleted }.count == 5)
    }
}
