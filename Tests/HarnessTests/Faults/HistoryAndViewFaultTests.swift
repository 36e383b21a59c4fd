import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// A server that executes a prompt but never writes its history; `/view` that stalls or sends half a PNG.
@Suite("Faults: history and /view", .serialized)
struct HistoryAndViewFaultTests {
    /// Expected with the socket refused (polling only): every 2nd executed prompt has no history entry,
    /// so polling finds it in neither the queue nor the history and records it `lost` after two poll
    /// rounds, not at its 30 s timeout; the others are `ok`.
    @Test("history never written, no events: lost after a bounded wait")
    func historyNeverWrittenWhilePolling() async throws {
        let bed = try await DriverTestBed.start(
            step: 0.005, faults: SimulatorFaults(refuseWebSockets: true, loseHistoryEvery: 2))
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 2\nrequests: 6\ntimeout: 30s")
        let (report, _) = try await bed.run(scenario)
        let truth = await bed.simulator.records()
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 6, accepted: truth)
        let unwritten = Set(truth.filter { !$0.historyWritten }.map(\.promptID))
        #expect(unwritten.count == 3)
        for record in check.records {
            #expect(record.outcome == (unwritten.contains(record.promptID) ? .lost : .ok), "\(record.promptID)")
        }
        #expect(report.durationSeconds < 20)  // bounded by poll rounds, far below the 30 s timeout
    }

    /// Expected with the socket up: the events say the prompt succeeded and name its outputs, so it is
    /// `ok` with its image downloaded; only what the history alone carries (create_time, hence
    /// queue_wait) is missing.
    @Test("history never written, events seen: ok, without queue wait")
    func historyNeverWrittenWithEvents() async throws {
        let bed = try await DriverTestBed.start(step: 0.005, faults: SimulatorFaults(loseHistoryEvery: 2))
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 1\nrequests: 4\ntimeout: 30s")
        _ = try await bed.run(scenario)
        let truth = await bed.simulator.records()
        let check = try FaultRunCheck.verify(folder: bed.folder + "/report", issued: 4, accepted: truth)
        #expect(check.count(.ok) == 4)
        let unwritten = Set(truth.filter { !$0.historyWritten }.map(\.promptID))
        for record in check.records where unwritten.contains(record.promptID) {
            #expect(record.queueWaitSeconds == nil)
            #expect((record.downloadBytes ?? 0) > 0)
        }
    }

    /// Expected: `/view` takes 10 s, `http.download_timeout` is 300 ms: each prompt executed (its
    /// timeline is kept) but is recorded `timeout` with the URL and the limit in its failure.
    @Test("a /view that stalls for 10 s: the download times out, the record is kept")
    func slowView() async throws {
        let bed = try await DriverTestBed.start(
            step: 0.002, faults: SimulatorFaults(delays: [.init(route: "/view", delay: .seconds(10))]))
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 2\nrequests: 2\ntimeout: 30s", extra: "http: {download_timeout: 300ms}")
        let (report, _) = try await bed.run(scenario)
        let check = try FaultRunCheck.verify(
            folder: bed.folder + "/report", issued: 2, accepted: await bed.simulator.records())
        #expect(check.count(.timeout) == 2)
        for record in check.records {
            #expect(record.terminalEvent == "execution_success")
            #expect(record.failure?.message.contains("/view?filename=") == true)
            #expect(record.failure?.message.contains("within 300 ms") == true)
        }
        #expect(report.durationSeconds < 9)  // never waited for the 10 s reply
    }

    /// Expected: every 2nd `/view` sends half the PNG in a well-formed HTTP reply. The chunk walk
    /// notices: that prompt is `http` ("truncated PNG"), its record kept with the bytes received.
    @Test("a truncated PNG from /view: classified http, record kept")
    func truncatedPNG() async throws {
        let bed = try await DriverTestBed.start(step: 0.002, faults: SimulatorFaults(truncateViewEvery: 2))
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 1\nrequests: 4\ntimeout: 30s")
        _ = try await bed.run(scenario)
        let check = try FaultRunCheck.verify(
            folder: bed.folder + "/report", issued: 4, accepted: await bed.simulator.records())
        #expect(check.count(.ok) == 2)
        let truncated = check.records.filter { $0.outcome == .http }
        #expect(truncated.count == 2)
        #expect(truncated.allSatisfy { $0.failure?.message.contains("truncated PNG") == true && ($0.downloadBytes ?? 0) > 0 })
    }

    @Test("the PNG chunk walk: whole, cut, not a PNG, not checked")
    func chunkWalk() throws {
        var png = DownloadCheck.pngSignature
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        png += chunk("IHDR", Array(repeating: 1, count: 13)) + chunk("IDAT", Array(repeating: 7, count: 100)) + chunk("IEND", [])
        #expect(DownloadCheck.problem(in: png, filename: "a.png") == nil)
        #expect(DownloadCheck.problem(in: Array(png.prefix(80)), filename: "a.PNG")?.contains("chunk IDAT at byte 33") == true)
        #expect(DownloadCheck.problem(in: Array(png.dropLast(12)), filename: "a.png")?.contains("no IEND") == true)
        #expect(DownloadCheck.problem(in: Array("<html>".utf8), filename: "a.png")?.hasPrefix("not a PNG") == true)
        #expect(DownloadCheck.problem(in: [1, 2, 3], filename: "a.webp") == nil)
    }
}
