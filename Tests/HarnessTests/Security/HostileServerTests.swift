import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// A server that reports output names built to escape a folder, break a page or a terminal:
/// the harness keeps them as data and never as paths, markup or terminal controls.
@Suite("Hostile server", .serialized)
struct HostileServerTests {
    /// Where the hostile names would land if they were used as paths.
    static let escapeTargets = [
        "/tmp/comfy-harness-escape.png", "/tmp/comfy-harness-escape-sub.png", "/tmp/comfy-harness-absolute.png",
        "/etc/comfy-harness-absolute-sub.png",
    ]

    static func start(_ configure: (inout SimulatorConfiguration) -> Void) async throws -> DriverTestBed {
        try await DriverTestBed.start(step: 0.001, cacheNone: true, configure: configure)
    }

    /// Every regular file under `folder`, as paths resolved through symlinks.
    static func files(under folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var result: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
            }
        }
        return result
    }

    @Test("output names with ../, absolute paths, NUL, 300 characters and markup are downloaded into harness-chosen paths only")
    func hostileOutputNames() async throws {
        for target in Self.escapeTargets { try? FileManager.default.removeItem(atPath: target) }
        let bed = try await Self.start { $0.hostileOutputNames = true }
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(load: "concurrency: 2\nrequests: 16\ntimeout: 30s")
        var options = RunOptions()
        options.outputDirectory = bed.folder + "/report"
        options.download = .keep(directory: bed.folder + "/report/outputs")
        let report = try await RunSession(scenario: scenario, options: options).run()
        let (records, skipped) = try SamplesWriter.read(path: bed.folder + "/report/samples.jsonl")

        // Every prompt finished and downloaded; the hostile names are kept as data in samples.jsonl.
        #expect(skipped == 0)
        #expect(records.count == 16)
        #expect(records.allSatisfy { $0.outcome == .ok }, "\(records.map { "\($0.outcome) \($0.failure?.message ?? "")" })")
        let reported = Set(records.flatMap { $0.outputs.map(\.filename) })
        for name in HostileNames.all.map(\.filename) { #expect(reported.contains(name), "\(name.prefix(40)) not recorded") }
        #expect(report.overall.outcomes["ok"] == 16)

        // Nothing landed outside the run folder, and the kept files have the harness's own names.
        for target in Self.escapeTargets { #expect(!FileManager.default.fileExists(atPath: target), "\(target) was written") }
        let root = URL(fileURLWithPath: bed.folder).resolvingSymlinksInPath().path
        let written = Self.files(under: bed.folder)
        #expect(written.allSatisfy { $0.hasPrefix(root + "/") })
        let outputs = written.filter { $0.contains("/report/outputs/") }
        #expect(outputs.count == 16)
        let pattern = try Regex(#"/report/outputs/txt2img/seed-\d+/0\.png$"#)
        #expect(outputs.allSatisfy { $0.contains(pattern) }, "\(outputs.prefix(3))")

        // The page carries the names only as escaped JSON text: no raw markup, ESC or BEL.
        let html = try String(contentsOfFile: bed.folder + "/report/index.html", encoding: .utf8)
        #expect(!html.contains("<img src=x"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0 })
    }

    @Test("server text with terminal controls is shown escaped by `info` and in the run summary")
    func terminalControlsInServerText() async throws {
        let hostileGPU = "Evil\u{1B}]0;pwned\u{07}GPU\u{1B}[2J\u{202E}txt.exe"
        let bed = try await Self.start { configuration in
            configuration.profile.name = hostileGPU
            configuration.hostileOutputNames = true
            // Every download fails, so the failure message (with a hostile filename) reaches the verdict.
            configuration.faults = SimulatorFaults(httpErrors: [.init(route: "/view", status: 500)])
        }
        defer { Task { await bed.stop() } }
        let info = try await HarnessBinary.run(["info", "--server", bed.simulator.baseURL])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Evil\\u{1B}]0;pwned\\u{7}GPU"))
        for output in [info.stdout, info.stderr] {
            #expect(!output.unicodeScalars.contains { [0x1B, 0x07, 0x202E].contains($0.value) })
        }

        _ = try bed.scenario(
            load: "concurrency: 1\nrequests: 3\ntimeout: 30s", extra: "thresholds:\n  errors.rate: < 1%")
        let run = try await HarnessBinary.run(
            ["run", bed.folder + "/scenario.yaml", "--output", bed.folder + "/out", "--no-preflight"])
        #expect(run.status == 99, "\(run.stderr)")
        #expect(run.stdout.contains("Evil\\u{1B}"))
        for output in [run.stdout, run.stderr] {
            #expect(!output.unicodeScalars.contains { [0x1B, 0x07, 0x202E].contains($0.value) })
        }
    }
}
