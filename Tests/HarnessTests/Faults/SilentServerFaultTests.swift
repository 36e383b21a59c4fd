import ComfyClient
import ComfySimulator
import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import Harness

/// A server that accepts TCP connections and never answers: every wait must end by a timeout.
@Suite("Faults: a server that never answers", .serialized)
struct SilentServerFaultTests {
    /// Expected: mid-run the simulator is replaced on its port by a socket that accepts and never
    /// answers. With `http.timeout` and `download_timeout` at 500 ms and a 2 s prompt timeout, every later submit and the
    /// prompts in flight end as `timeout` (no terminal event could be seen, the server could not be
    /// asked); the run ends on its own well within a bound and writes every record and the report.
    @Test("the server goes silent mid-run: timeouts everywhere, the run ends, nothing hangs")
    func silentMidRun() async throws {
        let bed = try await DriverTestBed.start(step: 0.02)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 2\nrequests: 10\ntimeout: 2s", workflow: DriverTestBed.workflow(steps: 4),
            extra: "http: {timeout: 500ms, download_timeout: 500ms}")
        let simulator = bed.simulator
        let silent = NIOLockedValueBox<SilentServer?>(nil)
        let (report, _) = try await bed.run(scenario) { _ in
            while await simulator.records().filter({ $0.outcome == .success }).count < 2 {
                try? await Task.sleep(for: .milliseconds(5))
            }
            let port = simulator.port
            await simulator.stop()
            for _ in 0..<50 {
                if let server = try? SilentServer(port: port) {
                    silent.withLockedValue { $0 = server }
                    return
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { silent.withLockedValue { $0?.close() } }
        #expect(silent.withLockedValue { $0 != nil }, "could not take over the port")
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 10, accepted: await simulator.records())
        #expect(check.count(.ok) >= 1)
        #expect(check.count(.timeout) >= 4, "\(check.outcomes)")
        #expect(Set(check.records.map(\.outcome)).isSubset(of: [.ok, .timeout, .connection]), "\(check.outcomes)")
        #expect(check.records.filter { $0.outcome == .timeout && $0.acceptedAt != nil && $0.number == nil }.allSatisfy {
            $0.failure?.message.contains("within 500 ms") == true
        })
        // 8 prompts at most 2 s (+ a 0.5 s queue look) each, two at a time: about 10 s; far from a hang.
        #expect(report.durationSeconds < 30)
    }

    /// Expected: `run` against a silent server from the start fails its first request (`/system_stats`)
    /// after the 1 s timeout and exits 1 with the URL in the message; it is not killed by the test's bound.
    @Test("the built binary against a silent server exits 1 with a timeout message")
    func silentFromTheStart() async throws {
        let silent = try SilentServer()
        defer { silent.close() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("silent-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DriverTestBed.workflow().write(toFile: folder + "/wf.api.json", atomically: true, encoding: .utf8)
        try """
        version: 1
        workflows: {txt2img: {file: wf.api.json}}
        load: {concurrency: 1, requests: 2}
        http: {timeout: 1s}
        """.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let result = try await HarnessBinary.run(
            ["run", folder + "/s.yaml", "--server", silent.baseURL, "--output", folder + "/out", "--quiet"], timeout: 60)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("no complete answer from \(silent.baseURL)/system_stats within 1 s"), "\(result.stderr)")
    }

    /// Expected: a WebSocket attempt the server never answers is abandoned after the handshake timeout,
    /// counted as a failed attempt with a reason naming the URL, and `stop()` returns (it used to wait
    /// forever on the library's uncancellable upgrade).
    @Test("a WebSocket upgrade that is never answered is abandoned; stop() returns")
    func silentWebSocket() async throws {
        let silent = try SilentServer()
        defer { silent.close() }
        let stream = ComfyEventStream(
            endpoint: try ServerEndpoint(url: silent.baseURL), clientID: "silent",
            reconnect: ReconnectPolicy(initialDelay: .milliseconds(10), maxConsecutiveFailures: 1),
            handshakeTimeout: .milliseconds(200))
        stream.start()
        var reasons: [String] = []
        for await update in stream.updates {
            if case .disconnected(let reason) = update { reasons.append(reason) }
            if case .gaveUp = update { break }
        }
        #expect(reasons.count == 2)
        #expect(reasons.allSatisfy { $0.contains("no WebSocket handshake reply from ws://127.0.0.1:\(silent.port)/ws") }, "\(reasons)")
        await stream.stop()

        // Stopped while an attempt waits (a minute-long handshake timeout): stop() returns at once.
        let waiting = ComfyEventStream(
            endpoint: try ServerEndpoint(url: silent.baseURL), clientID: "waiting", handshakeTimeout: .seconds(60))
        waiting.start()
        try await Task.sleep(for: .milliseconds(200))
        await waiting.stop()
        var after: [EventStreamUpdate] = []
        for await update in waiting.updates { after.append(update) }
        #expect(!after.contains { if case .connected = $0 { true } else { false } })
    }
}
