import Foundation

/// Headless Chromium for tests that look at what a browser builds; absent on most CI machines.
enum Chromium {
    static var path: String? {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// The DOM after scripts ran, as `--dump-dom` serializes it.
    static func dumpDOM(_ chromium: String, file: String) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--dump-dom", "file://" + file,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = await HarnessBinary.drain(out.fileHandleForReading)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        // Returns at once now, and drops the run loop source that Foundation's Process keeps (with
        // the process) until waitUntilExit: without it every Process stays alive in a cycle (an LSan leak).
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
