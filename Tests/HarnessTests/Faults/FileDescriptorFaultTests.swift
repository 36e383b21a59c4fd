import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// The client machine short of file descriptors: the built binary under `ulimit -n`.
@Suite("Faults: file descriptors near the limit", .serialized)
struct FileDescriptorFaultTests {
    /// Expected: `run` with 16 clients under `ulimit -n 20` refuses before sending anything, exit 1,
    /// with the limit, the estimate and the command to fix it; under the estimate (+2) the same run
    /// completes every prompt `ok` and exits 0: the estimate is enough, and nothing traps near it.
    @Test("too low a limit is refused up front with the number needed; that number is enough")
    func budget() async throws {
        let bed = try await DriverTestBed.start(step: 0.001)
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(load: "concurrency: 16\nrequests: 48\ntimeout: 30s")
        let arguments = ["run", bed.folder + "/scenario.yaml", "--output", bed.folder + "/out", "--quiet"]
        let refused = try await HarnessBinary.run(arguments, timeout: 60, openFileLimit: 20)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("the open-file limit is 20"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("Fatal error"))
        #expect(await bed.simulator.records().isEmpty)
        let needed = try #require(Self.neededLimit(in: refused.stderr), "\(refused.stderr)")

        let result = try await HarnessBinary.run(arguments, timeout: 90, openFileLimit: needed + 2)
        #expect(result.status == 0, "limit \(needed + 2): \(result.stderr)")
        let check = try FaultRunCheck.verify(folder: bed.folder + "/out", issued: 48, accepted: await bed.simulator.records())
        #expect(check.count(.ok) == 48, "\(check.outcomes)")
    }

    /// Expected: `info` and `run` under limits from absurd (5) to almost enough: each either works
    /// (exit 0) or exits 1 with the cause and the fix (`ulimit -n …`) — never a trap in the runtime's
    /// or SwiftNIO's event threads, never "couldn't connect … is ComfyUI running?".
    @Test("every low limit: an answer or a clear error naming ulimit, never a crash")
    func sweep() async throws {
        let bed = try await DriverTestBed.start(step: 0.001)
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(load: "concurrency: 8\nrequests: 8\ntimeout: 30s")
        let commands: [(String, [String])] = [
            ("info", ["info", "--server", bed.simulator.baseURL]),
            ("run", ["run", bed.folder + "/scenario.yaml", "--output", bed.folder + "/out", "--quiet"]),
        ]
        var outcomes: [String] = []
        for (name, arguments) in commands {
            for limit in [5, 8, 12, 15, 16, 20, 24, 28, 32, 36] {
                let result = try await HarnessBinary.run(arguments, timeout: 60, openFileLimit: limit)
                let context = "\(name) under ulimit -n \(limit): status \(result.status) \(result.stderr)"
                #expect([0, 1].contains(result.status), "\(context)")
                #expect(!result.stderr.contains("Fatal error"), "\(context)")
                #expect(!result.stderr.contains("is ComfyUI running"), "\(context)")
                if result.status == 1 { #expect(result.stderr.contains("ulimit -n"), "\(context)") }
                outcomes.append("\(name)@\(limit)=\(result.status)")
            }
        }
        #expect(outcomes.contains("info@5=1") && outcomes.contains("info@36=0"), "\(outcomes)")
        #expect(outcomes.contains("run@20=1"), "\(outcomes)")
    }

    /// Expected: a sweep whose top level is 48 clients, under a limit that fits its first level (1) but
    /// not its last, is refused before the warm-up prompt, exit 1, with the fix: not halfway through.
    @Test("sweep checks the limit against its highest level before sending anything")
    func sweepChecksItsTopLevel() async throws {
        let bed = try await DriverTestBed.start(step: 0.001)
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(
            load: "concurrency: 1\nduration: 1s\ntimeout: 30s", extra: "sweep: {levels: [1, 4, 48], settle: 100ms, measure: 200ms}")
        let arguments = ["sweep", bed.folder + "/scenario.yaml", "--output", bed.folder + "/out", "--quiet"]
        let refused = try await HarnessBinary.run(arguments, timeout: 60, openFileLimit: 40)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("the open-file limit is 40"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ulimit -n"), "\(refused.stderr)")
        #expect(await bed.simulator.records().isEmpty)
    }

    /// The "ulimit -n N" a refusal asks for.
    static func neededLimit(in text: String) -> Int? {
        guard let range = text.range(of: "ulimit -n ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
