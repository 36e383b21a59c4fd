import Foundation

/// Writes downloaded outputs under names the harness chooses (`<workflow>/seed-<seed>/<n>.png`),
/// never under names taken from the server, so a hostile filename cannot escape the folder.
public enum OutputStore {
    public static func path(workflow: String, seed: Int?, index: Int, under directory: String) -> String {
        let seedPart = seed.map { "seed-\($0)" } ?? "seed-none"
        return "\(directory)/\(safeComponent(workflow))/\(seedPart)/\(index).png"
    }

    public static func write(_ bytes: [UInt8], workflow: String, seed: Int?, index: Int, under directory: String) throws {
        let target = path(workflow: workflow, seed: seed, index: index, under: directory)
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
    }

    /// Letters, digits, `-`, `_` and `.` (not leading); anything else becomes `_`.
    public static func safeComponent(_ name: String) -> String {
        var result = String(name.unicodeScalars.prefix(100).map { scalar -> Character in
            let allowed = CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_.".unicodeScalars.contains(scalar)
            return allowed ? Character(scalar) : "_"
        })
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        return result.isEmpty ? "_" : result
    }
}
