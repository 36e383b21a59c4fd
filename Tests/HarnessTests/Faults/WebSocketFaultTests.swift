import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// The /ws event socket cut every few messages, or never accepted: the driver falls back to polling
/// `/history/{id}` and still classifies every prompt as the server's own records say it ended.
@Suite("Faults: WebSocket", .serialized)
struct WebSocketFaultTests {
    /// Expected: every socket is cut after 5 messages (mid-prompt), the stream reconnects each time,
    /// and each prompt's outcome equals the simulator's truth: ok for the good workflow, execution for
    /// the broken one, http for the submits answered 503.
    @Test("a socket dropped every 5 messages: reconnects, polls, classifies every prompt correctly")
    func droppedEveryFewMessages() async throws {
        let faults = SimulatorFaults(
            httpErrors: [.init(route: "/prompt", status: 503, every: 4)], dropWebSocketAfterMessages: 5)
        let (check, truth) = try await Self.runMixedLoad(faults: faults)
        #expect(check.report.socketDisconnects >= 2)
        Self.expectMatchesTruth(check.records, truth)
        #expect(check.count(.http) == 2)
        #expect(check.count(.ok) >= 1 && check.count(.execution) >= 1, "\(check.outcomes)")
    }

    /// Expected: the upgrade is answered 503 every time; the run starts at once on polling (it does not
    /// wait out the 5 s connect grace), and every outcome still matches the simulator's truth.
    @Test("a socket never accepted: history polling only, every prompt classified correctly")
    func neverAccepted() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/prompt", status: 503, every: 4)], refuseWebSockets: true)
        let (check, truth) = try await Self.runMixedLoad(faults: faults)
        #expect(check.report.socketDisconnects == 0)  // never connected, so never disconnected
        Self.expectMatchesTruth(check.records, truth)
        #expect(check.count(.http) == 2)
        #expect(check.count(.ok) >= 1 && check.count(.execution) >= 1, "\(check.outcomes)")
        // Without events, server timestamps come from the history entry: queue wait is still measured.
        #expect(check.records.filter { $0.outcome == .ok }.allSatisfy { $0.queueWaitSeconds != nil })
    }

    /// 8 prompts, a good and a broken workflow mixed, 2 clients; returns the checked run and the simulator's records.
    static func runMixedLoad(faults: SimulatorFaults) async throws -> (FaultRunCheck, [SimulatedPromptRecord]) {
        let bed = try await DriverTestBed.start(step: 0.01, faults: faults)
        defer { Task { await bed.stop() } }
        let broken = try await bed.client().uploadImage(
            Array("\u{89}PNG\r\n\u{1A}\nnot really".utf8), filename: "broken.png", subfolder: nil, type: "input",
            overwrite: true)
        try """
        {"1": {"class_type": "LoadImage", "inputs": {"image": "\(broken.name)"}},
         "2": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x", "images": ["1", 0]}}}
        """.write(toFile: bed.folder + "/broken.api.json", atomically: true, encoding: .utf8)
        try DriverTestBed.workflow(steps: 3).write(toFile: bed.folder + "/wf.api.json", atomically: true, encoding: .utf8)
        let path = bed.folder + "/mixed.yaml"
        try """
        version: 1
        name: mixed
        server: \(bed.simulator.baseURL)
        workflows:
          txt2img: {file: wf.api.json}
          broken: {file: broken.api.json}
        load: {concurrency: 2, requests: 8, timeout: 30s}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let mixed = try ScenarioLoader.load(path: path)
        _ = try await bed.run(mixed, preflight: false)
        let truth = await bed.simulator.records()
        return (try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 8, accepted: truth), truth)
    }

    /// Each record's outcome is what the simulator says happened to that prompt.
    static func expectMatchesTruth(
        _ records: [PromptRecord], _ truth: [SimulatedPromptRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let byID = Dictionary(uniqueKeysWithValues: truth.map { ($0.promptID, $0) })
        for record in records {
            let expected: PromptOutcome
            switch byID[record.promptID]?.outcome {
            case nil: expected = .http  // never accepted: the 503
            case .success?: expected = .ok
            case .cached?: expected = .cached
            case .error?: expected = .execution
            case .interrupted?: expected = .interrupted
            case .pending?, .running?, .deleted?: expected = .lost
            }
            #expect(record.outcome == expected, "\(record.workflow) \(record.promptID)", sourceLocation: sourceLocation)
        }
    }
}
