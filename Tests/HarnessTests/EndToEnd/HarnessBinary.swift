import Foundation

/// Runs the built `comfy-harness` executable, as a user would, and captures what it prints.
struct HarnessBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `.build/debug/comfy-harness` beside the package, or `COMFY_HARNESS_BIN` when set.
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["COMFY_HARNESS_BIN"] { return override }
        return packageRoot + "/.build/debug/comfy-harness"
    }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Runs the binary with `arguments` in the package root and waits for it (bounded by `timeout`);
    /// `openFileLimit` runs it under `ulimit -n` (soft and hard) through /bin/sh.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Double = 120, openFileLimit: Int? = nil
    ) async throws -> Result {
        let process = Process()
        if let openFileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(openFileLimit) && exec \"$0\" \"$@\"", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes on their own threads (never on the cooperative pool, which an in-process
        // simulator needs) so a chatty child never blocks on a full pipe.
        async let stdout = drain(out.fileHandleForReading)
        async let stderr = drain(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        await stop(process)
        return Result(
            status: process.terminationStatus, stdout: String(decoding: await stdout, as: UTF8.self),
            stderr: String(decoding: await stderr, as: UTF8.self))
    }

    /// SIGTERM, and SIGKILL 10 s later: a run's graceful stop waits for its in-flight prompts, and a
    /// test must end even when the binary under test hangs there.
    static func stop(_ process: Process) async {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    static func drain(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }
}

/// A `comfy-harness` process started in the background, for tests that signal it.
final class RunningHarness: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: HarnessBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: HarnessBinary.packageRoot)
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    /// The first line the process prints on stdout (read on a thread of its own, not the pool); a
    /// process that prints none within `timeout` is terminated, so the read ends with what came.
    func firstStdoutLine(timeout: Double = 30) async -> String {
        let handle = out.fileHandleForReading
        let process = self.process
        let watchdog = Task {
            try await Task.sleep(for: .seconds(timeout))
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var line: [UInt8] = []
                while true {
                    let byte = handle.readData(ofLength: 1)
                    guard let first = byte.first, first != UInt8(ascii: "\n") else { break }
                    line.append(first)
                }
                continuation.resume(returning: String(decoding: line, as: UTF8.self))
            }
        }
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for exit (bounded), then returns what it printed.
    func wait(timeout: Double = 60) async throws -> HarnessBinary.Result {
        async let stdout = HarnessBinary.drain(out.fileHandleForReading)
        async let stderr = HarnessBinary.drain(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        await HarnessBinary.stop(process)
        return .init(
            status: process.terminationStatus, stdout: String(decoding: await stdout, as: UTF8.self),
            stderr: String(decoding: await stderr, as: UTF8.self))
    }
}
