import Foundation

/// The files of one run folder, resolved from what a user passes (`reports/x/…/` or its samples.jsonl).
public struct RunFolder: Sendable {
    public let directory: String
    public var samplesPath: String { directory + "/samples.jsonl" }
    public var systemStatsPath: String { directory + "/system_stats.jsonl" }
    public var runJSONPath: String { directory + "/run.json" }

    /// Accepts a folder holding samples.jsonl, or the samples file itself.
    public init(locating path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HarnessError.usage(message: "\(path): no such file or folder", hint: "pass a run folder written by `comfy-harness run`, or its samples.jsonl")
        }
        let folder = isDirectory.boolValue ? path : (URL(fileURLWithPath: path).deletingLastPathComponent().path)
        directory = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        if !isDirectory.boolValue && !path.hasSuffix(".jsonl") {
            throw HarnessError.usage(message: "\(path): not a samples.jsonl file", hint: "pass a run folder or its samples.jsonl")
        }
        guard FileManager.default.fileExists(atPath: samplesPath) else {
            throw HarnessError.usage(
                message: "\(directory): not a run folder (no samples.jsonl)",
                hint: "pass a folder written by `comfy-harness run`")
        }
    }

    /// The folder's run.json, nil when there is none; a file that is not a run.json is an error.
    public func existingReport() throws -> RunReport? {
        guard FileManager.default.fileExists(atPath: runJSONPath) else { return nil }
        do {
            return try RunReport.read(from: runJSONPath)
        } catch let error as HarnessError {
            throw HarnessError.io(
                path: runJSONPath, reason: "corrupt run.json (\(error.description))",
                hint: "move it aside to rebuild what samples.jsonl alone allows")
        }
    }

    /// The monitor's samples; a missing file is an empty list and torn lines are skipped.
    public func systemStats() -> [SystemMonitor.Sample] {
        guard let data = FileManager.default.contents(atPath: systemStatsPath) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(SystemMonitor.Sample.self, from: Data($0)) }
    }
}
