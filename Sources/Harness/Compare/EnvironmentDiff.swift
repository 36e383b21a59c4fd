/// The fingerprint fields that differ between two runs (every server of each run, joined).
enum EnvironmentDiff {
    static func differences(_ a: [EnvironmentFingerprint], _ b: [EnvironmentFingerprint]) -> [RunComparison.EnvironmentDifference] {
        let fields: [(String, (EnvironmentFingerprint) -> String?)] = [
            ("gpu", \.gpu), ("device type", \.deviceType), ("VRAM total", { $0.vramTotal.map(String.init) }),
            ("ComfyUI", \.comfyUIVersion), ("PyTorch", \.pytorchVersion), ("Python", \.pythonVersion), ("OS", \.os),
            ("server argv", { $0.serverArgv?.joined(separator: " ") }), ("harness", \.harnessVersion),
            ("harness argv", { $0.harnessArgv.joined(separator: " ") }),
        ]
        return fields.compactMap { name, value in
            let left = joined(a.map(value)), right = joined(b.map(value))
            return left == right ? nil : .init(field: name, a: left, b: right)
        }
    }

    private static func joined(_ values: [String?]) -> String {
        var seen: [String] = []
        for value in values.map({ $0 ?? "?" }) where !seen.contains(value) { seen.append(value) }
        return seen.isEmpty ? "?" : seen.joined(separator: " | ")
    }
}
