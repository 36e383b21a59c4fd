import Foundation

/// Where a run's files go: `reports/<scenario>/<UTC time>/` unless `--output` names a folder.
public enum RunDirectory {
    public static func defaultPath(scenario: String, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "reports/\(OutputStore.safeComponent(scenario))/\(formatter.string(from: now))"
    }

    public static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw HarnessError.io(path: path, reason: "cannot create the report folder: \(error.localizedDescription)", hint: "pass a writable folder with --output")
        }
    }
}
