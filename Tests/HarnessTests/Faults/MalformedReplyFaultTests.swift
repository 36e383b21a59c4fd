import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// Replies a client must survive: malformed JSON, JSON of the wrong shape, 10 MB of binary garbage,
/// and a body that never ends (only the reply cap stops it).
@Suite("Faults: malformed replies", .serialized)
struct MalformedReplyFaultTests {
    /// 10 MB; 1 MB under the sanitizers, where reading 10 MB outlasts the 30 s HTTP timeout with ASan
    /// recording a full stack per malloc (the path is the same, only shorter).
    static let garbageBytes = SanitizerRun.isActive ? 1 << 20 : 10 << 20

    /// Expected: every 2nd `POST /prompt` gets the broken body (in place of the real reply, so the
    /// server queued nothing): those prompts are `http` with the URL and what was wrong; the others `ok`.
    @Test(
        "a broken /prompt reply is an http error naming the URL",
        arguments: [
            (SimulatorFaults.BadReply.Kind.malformedJSON, "unexpected reply from"),
            (.wrongShape, "unexpected reply from"),
            (.garbage(bytes: garbageBytes), "\(garbageBytes) bytes of binary data"),
            (.endless, "is larger than the limit of 1048576 bytes"),
        ])
    func brokenSubmitReply(_ kind: SimulatorFaults.BadReply.Kind, _ expected: String) async throws {
        let bed = try await DriverTestBed.start(
            step: 0.002, faults: SimulatorFaults(badReplies: [.init(route: "/prompt", kind: kind, every: 2)]))
        defer { Task { await bed.stop() } }
        // A 1 MiB cap: the endless body must stop there (without the cap this test never ends);
        // 10 MB of garbage needs the default 64 MiB one to be read and judged.
        let cap = kind == .endless ? "http: {max_reply: 1MiB}" : ""
        let scenario = try bed.scenario(load: "concurrency: 1\nrequests: 4\ntimeout: 30s", extra: cap)
        _ = try await bed.run(scenario)
        let truth = await bed.simulator.records()
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 4, accepted: truth)
        #expect(truth.count == 2)
        #expect(check.count(.ok) == 2)
        let broken = check.records.filter { $0.outcome == .http }
        #expect(broken.count == 2, "\(check.outcomes)")
        for record in broken {
            let message = record.failure?.message ?? ""
            #expect(message.contains(expected), "\(message)")
            #expect(message.contains(bed.simulator.baseURL + "/prompt"), "\(message)")
            #expect(message.count < 1000, "a failure message quotes at most a snippet of the body")
        }
    }

    /// Expected: the client-level cap holds for any GET too, and its error names the URL and the limit.
    @Test("an endless /queue reply stops at the client's cap")
    func endlessGet() async throws {
        let bed = try await DriverTestBed.start(
            faults: SimulatorFaults(badReplies: [.init(route: "/queue", kind: .endless)]))
        defer { Task { await bed.stop() } }
        let client = ComfyClient(endpoint: try ServerEndpoint(url: bed.simulator.baseURL), maxReplyBytes: 256 << 10)
        let error = await #expect(throws: ComfyClientError.self) { _ = try await client.queue() }
        guard case .responseTooLarge(let url, let limit)? = error else {
            Issue.record("expected responseTooLarge, got \(String(describing: error))")
            return
        }
        #expect(url == bed.simulator.baseURL + "/queue")
        #expect(limit == 256 << 10)
    }

    /// Expected with the socket refused (polling) and `/history/*` answering garbage: the prompts cannot
    /// be followed, so at their 1.5 s timeout they are `http` (not `lost`: the server did not forget
    /// them, its replies were unreadable) with the history URL in the failure.
    @Test("unreadable /history while polling: http at the prompt timeout, not lost")
    func garbageHistoryWhilePolling() async throws {
        let faults = SimulatorFaults(
            refuseWebSockets: true, badReplies: [.init(route: "/history/*", kind: .malformedJSON)])
        let bed = try await DriverTestBed.start(step: 0.002, faults: faults)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 2\nrequests: 2\ntimeout: 1500ms")
        _ = try await bed.run(scenario)
        let check = try FaultRunCheck.verify(
            folder: bed.folder + "/report", issued: 2, accepted: await bed.simulator.records())
        #expect(check.count(.http) == 2, "\(check.outcomes)")
        #expect(check.records.allSatisfy { $0.failure?.message.contains("/history/") == true })
    }
}
