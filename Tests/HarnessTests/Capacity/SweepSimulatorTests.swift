import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// The sweep against simulated servers of known speed: one worker, T = 4 steps × 50 ms per prompt,
/// so saturation is 60/T = 300 prompts/min and closed-loop queue wait grows by T per added client.
///
/// On a busy machine (the suite runs in parallel, in one process, on shared cores) a prompt's real
/// time drifts above the nominal T and the server idles between prompts now and then, so the truth
/// is read from the servers' own clocks: the start-to-start rate of the very prompts a step
/// measured. The sweep's client-side numbers (completion rate, queue-wait growth) are held to 5% of it.
@Suite("Capacity sweep against the simulator", .serialized)
struct SweepSimulatorTests {
    static let step = 0.05

    /// Each server's real service rate in a step, from its own clock: prompts per minute between the
    /// first and the last `execution_start` of the prompts the step measured (gaps between prompts
    /// included, which `exec` leaves out), summed over the servers.
    static func serverSideRate(_ folder: String, step: Int) throws -> Double {
        let (records, _) = try SamplesWriter.read(path: folder + String(format: "/sweep/step-%02d.samples.jsonl", step))
        var total = 0.0
        for (_, group) in Dictionary(grouping: records, by: \.server) {
            let starts = group.compactMap(\.executionStartMs).sorted()
            guard starts.count >= 3, let first = starts.first, let last = starts.last, last > first else { continue }
            total += Double(starts.count - 1) / (Double(last - first) / 1000) * 60
        }
        return total
    }

    @Test(
        "the sweep finds the knee (C = 3 at queue_wait.p95 < 500ms) and 60/T saturation, within 5%",
        .disabled(if: SanitizerRun.isActive, "measures real queue waits against 500 ms: the sanitizer's slowdown moves the knee"))
    func kneeAndSaturation() async throws {
        let bed = try await CapacityTestBed.start(step: Self.step)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "mode: closed\nconcurrency: 1\nrequests: 10\ntimeout: 30s",
            extra: "sweep: {start: 1, factor: 2, max: 16, settle: 500ms, measure: 2s, refine: 3}")
        let result = try await bed.sweep(scenario, slo: ["queue_wait.p95 < 500ms"])
        // 1, 2, 4 (breaks: ≈ 3T − overhead), then bisection tries 3 (≈ 2T) and stops: 3 and 4 are adjacent.
        #expect(result.steps.map(\.level) == [1, 2, 4, 3])
        #expect(result.steps.map(\.meetsSLO) == [true, true, false, true])
        #expect(result.stopReason == "slo_broken")
        let knee = try #require(result.knee)
        #expect(knee.level == 3)
        let saturated = result.steps.filter { $0.level >= 2 }
        var cycles: [Double] = []
        for step in saturated {
            // The server's own start-to-start rate for the prompts this step measured.
            let index = try #require(result.steps.firstIndex(of: step)) + 1
            let served = try Self.serverSideRate(bed.folder, step: index)
            cycles.append(60 / served)
            #expect(abs(step.promptsPerMinute - served) / served < 0.05, "C=\(step.level): \(step.promptsPerMinute)/min, server \(served)")
            let exec = try #require(step.exec?.mean)
            #expect(step.promptsPerMinute <= 60 / exec * 1.05, "C=\(step.level): one worker cannot beat 60/T")
            #expect(abs((step.littleRatio ?? 0) - 1) < 0.15, "C=\(step.level): L/(XW) \(step.littleRatio ?? 0)")
        }
        let saturation = try #require(result.saturation)
        #expect(saturation.level >= 2)
        #expect(knee.imagesPerMinute == result.steps.first { $0.level == 3 }?.imagesPerMinute)
        // Queue wait grows by one service time per client: the slope of the median over the saturated levels.
        let cycle = cycles.reduce(0, +) / Double(cycles.count)
        let slope = try #require(KneeFinder.slope(saturated.compactMap { step in step.queueWait.map { (step.level, $0.p50) } }))
        #expect(abs(slope - cycle) / cycle < 0.10, "queue wait grows \(slope) s per client, service time \(cycle)")
        let growth = try #require(result.queueWaitGrowth)
        #expect(growth > cycle / 2 && growth < cycle * 2, "p95 growth \(growth) s per client")
        #expect(result.sentence.contains("at concurrency 3"))
        #expect(result.exitCode == 0)
        let html = try String(contentsOfFile: bed.folder + "/sweep/sweep.html", encoding: .utf8)
        #expect(html.contains("\"sentence\"") && !html.contains("/*COMFY_HARNESS_SWEEP*/"))
        #expect(try SweepResult.read(from: bed.folder + "/sweep/sweep.json") == result)
    }

    @Test("a two-server fleet doubles the saturation throughput (within 5%)")
    func fleetDoubles() async throws {
        let bed = try await CapacityTestBed.start(servers: 2, step: Self.step)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "mode: closed\nconcurrency: 1\nrequests: 10\ntimeout: 30s",
            extra: "fleet: least_queued\nsweep: {levels: [1, 8], settle: 500ms, measure: 2s}")
        let result = try await bed.sweep(scenario)
        let step = try #require(result.steps.last)
        let truth = try #require(step.exec?.mean)
        #expect(result.saturation?.level == 8)
        // Twice one server's 60/T: within 5% of what the two servers' clocks say they did, and
        // within 10% of 2·60/exec (exec leaves out the servers' own gaps between prompts).
        let served = try Self.serverSideRate(bed.folder, step: 2)
        #expect(abs(step.promptsPerMinute - served) / served < 0.05, "fleet \(step.promptsPerMinute)/min, servers say \(served)")
        #expect(abs(step.promptsPerMinute - 2 * 60 / truth) / (2 * 60 / truth) < 0.10, "fleet \(step.promptsPerMinute)/min, T \(truth)")
        // One server at one client cannot do more than 60/T: the fleet's gain is real, not measurement.
        let single = try #require(result.steps.first)
        let singleTruth = try #require(single.exec?.mean)
        #expect(single.promptsPerMinute < 60 / singleTruth * 1.05)
        let perServer = try #require(step.perServer)
        #expect(perServer.count == 2)
        for (server, rate) in perServer {
            #expect(abs(rate - 60 / truth) / (60 / truth) < 0.10, "\(server): \(rate)/min")
        }
    }

    @Test(
        "open mode: below capacity throughput follows the arrivals, above it caps at 60/T and breaks the SLO",
        .disabled(if: SanitizerRun.isActive, "measures throughput to 5% of 60/T in wall-clock time: too tight at the sanitizer's speed"))
    func openSweep() async throws {
        let bed = try await CapacityTestBed.start(step: 0.025)
        defer { Task { await bed.stop() } }
        // T ≈ 100 ms: capacity ≈ 600/min. Offer 240/min (40%), then 1200/min (200%).
        let scenario = try bed.scenario(
            load: "mode: open\nrate: 240/min\nduration: 10s\ntimeout: 30s\nmax_in_flight: 500",
            extra: "sweep: {levels: [240/min, 1200/min], settle: 300ms, measure: 2s, refine: 0}")
        let result = try await bed.sweep(scenario, slo: ["queue_wait.p95 < 300ms"])
        #expect(result.steps.map(\.meetsSLO) == [true, false])
        let light = try #require(result.steps.first), heavy = try #require(result.steps.last)
        #expect(abs(light.promptsPerMinute - 240) / 240 < 0.05, "light \(light.promptsPerMinute)/min")
        let truth = try #require(heavy.exec?.mean)
        #expect(abs(heavy.promptsPerMinute - 60 / truth) / (60 / truth) < 0.05, "heavy \(heavy.promptsPerMinute)/min, T \(truth)")
        #expect(result.knee?.level == 4)
        #expect(result.sentence.contains("at 240.0 prompts/min offered"))
    }

    @Test("least-queued routing sends every prompt to the idle server, the first one included")
    func leastQueuedPrefersIdle() async throws {
        // Neither server says a word about its queue on the socket for the first 3 s: the first
        // prompts are placed before any `status` arrives, the race that once sent them to the busy one.
        let bed = try await CapacityTestBed.start(
            servers: 2, step: Self.step, faults: SimulatorFaults(statusSilenceAfterConnect: .seconds(3)))
        defer { Task { await bed.stop() } }
        // Someone else's backlog on server 0: 40 prompts ≈ 1.6 s of work.
        let busy = bed.simulators[0]
        let client = ComfyClient(endpoint: try ServerEndpoint(url: busy.baseURL))
        for index in 0..<40 {
            let varied = try JSONDecoder().decode(
                JSONValue.self, from: Data(bed.workflow(steps: 4).replacingOccurrences(of: "\"seed\": 1", with: "\"seed\": \(index + 100)").utf8))
            _ = try await client.submit(prompt: varied, promptID: UUID().uuidString.lowercased(), clientID: "someone-else")
        }
        let scenario = try bed.scenario(load: "mode: closed\nconcurrency: 1\nrequests: 8\ntimeout: 30s", extra: "fleet: least_queued")
        let report = try await bed.run(scenario)
        let idle = SecretRedactor.redactURL(bed.simulators[1].baseURL)
        let perServer = try #require(report.perServer)
        #expect(perServer[idle]?.outcomes["ok"] == 8)
        #expect(perServer[SecretRedactor.redactURL(busy.baseURL)] == nil)
        let mine = await busy.records().filter { $0.clientID != "someone-else" }
        #expect(mine.isEmpty)
    }

    @Test("round robin spreads a fleet run evenly and the report breaks it down per server")
    func roundRobinBreakdown() async throws {
        let bed = try await CapacityTestBed.start(servers: 2, step: 0.002)
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "mode: closed\nconcurrency: 2\nrequests: 10\ntimeout: 30s")
        let report = try await bed.run(scenario)
        let perServer = try #require(report.perServer)
        #expect(perServer.values.map { $0.outcomes["ok"] ?? 0 }.sorted() == [5, 5])
    }

    @Test("idle sockets are opened with their own client ids, listen for the whole run and are counted")
    func idleSockets() async throws {
        let bed = try await CapacityTestBed.start(step: 0.02)
        defer { Task { await bed.stop() } }
        let simulator = bed.simulators[0]
        let scenario = try bed.scenario(load: "mode: closed\nconcurrency: 1\nrequests: 20\ntimeout: 30s\nidle_sockets: 3")
        let seen = Counter()
        let report = try await bed.run(scenario) {
            // While the run goes: the harness's own socket plus three idle ones, each its own client id.
            for _ in 0..<200 {
                let ids = await simulator.connectedClientIDs()
                await seen.update(ids.filter { $0.hasPrefix("comfy-harness-idle-") }.count, total: ids.count)
                if await seen.idle >= 3 { return }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(await seen.idle == 3)
        #expect(await seen.total == 4)
        let idle = try #require(report.idleSockets)
        #expect(idle.requested == 3)
        #expect(idle.connected == 3)
        // Every socket gets at least its greeting `status`, and the status broadcasts as the queue changes.
        #expect(idle.messages >= 3 * 2)
        let json = try String(contentsOfFile: bed.folder + "/run/run.json", encoding: .utf8)
        #expect(json.contains("\"idleSockets\""))
    }
}

/// The most sockets seen at once.
actor Counter {
    private(set) var idle = 0
    private(set) var total = 0

    func update(_ idle: Int, total: Int) {
        if idle > self.idle { self.idle = idle; self.total = total }
    }
}
