import ComfyClient
import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// A token given to the harness (header value, or a password in the server URL) reaches the server
/// and nothing else: every file the run writes and everything it prints is searched for it.
@Suite("Secrets stay secret", .serialized)
struct SecretLeakTests {
    static let token = "tok-" + UUID().uuidString.lowercased()
    static let password = "pw-" + UUID().uuidString.lowercased()

    /// The simulator behind a simulated auth proxy that accepts only `Bearer <token>`.
    static func start() async throws -> DriverTestBed {
        try await DriverTestBed.start(step: 0.001, cacheNone: true) { $0.requiredAuthorization = "Bearer " + token }
    }

    /// The files under `folder` (recursively) whose bytes contain `secret`.
    static func leaks(of secret: String, under folder: String) throws -> [String] {
        let needle = Data(secret.utf8)
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            let path = folder + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if let data = FileManager.default.contents(atPath: path), data.range(of: needle) != nil { found.append(relative) }
        }
        return found
    }

    /// `http://alice:<password>@127.0.0.1:<port>`: credentials in the URL, as people paste them.
    static func urlWithPassword(_ bed: DriverTestBed) -> String {
        bed.simulator.baseURL.replacingOccurrences(of: "http://", with: "http://alice:\(password)@")
    }

    @Test("a run with --auth-env and a password in the URL writes and prints neither")
    func authorizedRunLeaksNothing() async throws {
        let bed = try await Self.start()
        defer { Task { await bed.stop() } }
        // The password sits in the scenario's own server line too, so the scenario snapshot is covered.
        try DriverTestBed.workflow().write(toFile: bed.folder + "/wf.api.json", atomically: true, encoding: .utf8)
        let yaml = """
            version: 1
            name: secret-test
            server: \(Self.urlWithPassword(bed))
            workflows:
              txt2img: {file: wf.api.json}
            load: {concurrency: 2, requests: 6, timeout: 30s}
            monitor: {interval: 50ms}
            thresholds:
              errors.rate: < 1%
            """
        try yaml.write(toFile: bed.folder + "/scenario.yaml", atomically: true, encoding: .utf8)
        let output = bed.folder + "/out"
        let result = try await HarnessBinary.run(
            ["run", bed.folder + "/scenario.yaml", "--output", output, "--auth-env", "CH_TEST_AUTH"],
            environment: ["CH_TEST_AUTH": "Bearer " + Self.token])
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        // The token really was sent (the simulated proxy let every prompt through).
        let records = await bed.simulator.records()
        #expect(records.count == 6)
        #expect(FileManager.default.fileExists(atPath: output + "/run.json"))
        for secret in [Self.token, Self.password] {
            #expect(try Self.leaks(of: secret, under: output) == [])
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
        #expect(result.stdout.contains("alice:<redacted>@") || !result.stdout.contains("alice:"))
    }

    @Test("a refused token is reported as 401 without the token, from info, validate and run")
    func refusedTokenIsNotEchoed() async throws {
        let bed = try await Self.start()
        defer { Task { await bed.stop() } }
        let wrong = "Bearer wrong-" + UUID().uuidString.lowercased()
        try wrong.write(toFile: bed.folder + "/token", atomically: true, encoding: .utf8)
        _ = try bed.scenario(load: "concurrency: 1\nrequests: 2\ntimeout: 10s")
        let output = bed.folder + "/out"
        let server = Self.urlWithPassword(bed)
        let runs = [
            ["info", "--server", server, "--auth-file", bed.folder + "/token"],
            ["validate", bed.folder + "/scenario.yaml", "--server", server, "--auth-file", bed.folder + "/token"],
            ["run", bed.folder + "/scenario.yaml", "--server", server, "--output", output, "--auth-file", bed.folder + "/token"],
        ]
        for arguments in runs {
            let result = try await HarnessBinary.run(arguments)
            #expect(result.status == 1, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("401"), "\(arguments[0]): \(result.stderr)")
            for secret in [wrong, String(wrong.dropFirst("Bearer ".count)), Self.password] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(arguments[0]) printed a secret: \(result.stderr)")
            }
        }
        if FileManager.default.fileExists(atPath: output) {
            for secret in [String(wrong.dropFirst("Bearer ".count)), Self.password] {
                #expect(try Self.leaks(of: secret, under: output) == [])
            }
        }
    }

    @Test("--insecure is recorded in run.json and shown in the report")
    func insecureIsRecorded() async throws {
        let bed = try await DriverTestBed.start(step: 0.001)
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(load: "concurrency: 1\nrequests: 2\ntimeout: 10s")
        for insecure in [false, true] {
            let output = bed.folder + "/out-\(insecure)"
            let result = try await HarnessBinary.run(
                ["run", bed.folder + "/scenario.yaml", "--output", output, "--quiet"] + (insecure ? ["--insecure"] : []))
            #expect(result.status == 0, "\(result.stderr)")
            let report = try RunReport.read(from: output + "/run.json")
            #expect(report.environment.first?.tlsVerification == !insecure)
        }
    }

    @Test("the simulator binds the loopback address unless told otherwise")
    func simulatorBindsLoopback() async throws {
        #expect(SimulatorConfiguration().host == "127.0.0.1")
        let harness = try RunningHarness(["simulate", "--port", "0"])
        defer { harness.signal(SIGTERM) }
        // The banner names the bound address; wait for the process to print it.
        try await Task.sleep(for: .seconds(1))
        harness.signal(SIGINT)
        let result = try await harness.wait(timeout: 10)
        #expect(result.stdout.contains("listening on http://127.0.0.1:"), "\(result.stdout) \(result.stderr)")
    }
}
