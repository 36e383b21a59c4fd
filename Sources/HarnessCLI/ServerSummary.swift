import ComfyClient
import Foundation

/// The `info` command's output, as text or JSON.
struct ServerSummary: Codable {
    var server: String
    var comfyUIVersion: String?
    var pytorchVersion: String?
    var pythonVersion: String?
    var device: String?
    var deviceType: String?
    var vramUsed: Int64?
    var vramTotal: Int64?
    var ramUsed: Int64?
    var ramTotal: Int64?
    var queueRemaining: Int

    init(server: String, stats: SystemStats, queueRemaining: Int) {
        self.server = server
        comfyUIVersion = stats.comfyUIVersion
        pytorchVersion = stats.pytorchVersion
        pythonVersion = String(stats.pythonVersion.prefix { $0 != " " })
        let device = stats.devices.first
        self.device = device?.name
        deviceType = device?.type
        vramTotal = device.map { Int64($0.vramTotal) }
        vramUsed = device.map { Int64($0.vramTotal - $0.vramFree) }
        ramTotal = Int64(stats.ramTotal)
        ramUsed = Int64(stats.ramTotal - stats.ramFree)
        self.queueRemaining = queueRemaining
    }

    var text: String {
        func gib(_ bytes: Int64?) -> String { bytes.map { String(format: "%.1f GiB", Double($0) / 1_073_741_824) } ?? "?" }
        return """
            server    \(server)
            ComfyUI   \(comfyUIVersion ?? "?")   PyTorch \(pytorchVersion ?? "?")   Python \(pythonVersion ?? "?")
            device    \(device ?? "?") (\(deviceType ?? "?"))
            VRAM      \(gib(vramUsed)) used of \(gib(vramTotal))
            RAM       \(gib(ramUsed)) used of \(gib(ramTotal))
            queue     \(queueRemaining) prompt\(queueRemaining == 1 ? "" : "s") (running + pending)
            """
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
