import Foundation
import Testing

/// `comfy-harness sweep` as a user runs it: bad input is a compiler-style error and exit 64, never a crash.
@Suite("sweep command")
struct SweepCommandTests {
    @Test("a malformed --slo is reported like a scenario error and exits 64")
    func badSLO() async throws {
        let result = try await HarnessBinary.run(["sweep", "scenarios/demo-sweep.yaml", "--slo", "queue_wiat.p95 < 30s"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--slo 'queue_wiat.p95 < 30s':1:1: error: unknown metric 'queue_wiat'"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'queue_wait'?"))
    }

    @Test("levels that do not increase are a usage error (exit 64)")
    func badLevels() async throws {
        let result = try await HarnessBinary.run(["sweep", "scenarios/demo-sweep.yaml", "--levels", "4,2"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--levels '4,2': the levels must increase"), "\(result.stderr)")
    }

    @Test("an unreachable server fails before any load, with exit 1")
    func unreachable() async throws {
        let result = try await HarnessBinary.run(["sweep", "scenarios/demo-sweep.yaml", "--server", "http://127.0.0.1:9", "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("127.0.0.1:9"), "\(result.stderr)")
    }
}
