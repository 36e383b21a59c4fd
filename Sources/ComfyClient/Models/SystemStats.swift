/// `GET /system_stats`: versions, RAM, the server's command line and its (single) torch device.
public struct SystemStats: Sendable, Hashable {
    public var os: String
    public var ramTotal: Int64
    /// psutil *available* RAM.
    public var ramFree: Int64
    public var comfyUIVersion: String
    public var pythonVersion: String
    public var pytorchVersion: String
    public var embeddedPython: Bool
    /// The server's `sys.argv`: check the flags it runs with (`--cache-none`, `--cpu`, …).
    public var argv: [String]
    public var devices: [Device]
    public var raw: JSONValue

    /// One torch device; for CPU/MPS the VRAM figures are system RAM.
    public struct Device: Sendable, Hashable {
        public var name: String
        /// `cuda`, `cpu`, `mps`, …
        public var type: String
        public var index: Int?
        public var vramTotal: Int64
        public var vramFree: Int64
        public var torchVramTotal: Int64
        public var torchVramFree: Int64

        /// `vram_total − vram_free`.
        public var vramUsed: Int64 { vramTotal - vramFree }
        /// `torch_vram_total − torch_vram_free`: memory torch reserved but is not using.
        public var torchVramReserved: Int64 { torchVramTotal - torchVramFree }
    }

    public init(json: JSONValue) throws {
        let root = try JSONFields(json, context: "/system_stats")
        let system = try root.object("system")
        os = try system.optionalString("os") ?? ""
        ramTotal = try system.optionalInt64("ram_total") ?? 0
        ramFree = try system.optionalInt64("ram_free") ?? 0
        comfyUIVersion = try system.optionalString("comfyui_version") ?? ""
        pythonVersion = try system.optionalString("python_version") ?? ""
        pytorchVersion = try system.optionalString("pytorch_version") ?? ""
        embeddedPython = try system.bool("embedded_python", default: false)
        argv = try system.stringArray("argv")
        let deviceList = root.value("devices")?.arrayValue ?? []
        devices = try deviceList.enumerated().map { index, element in
            let device = try JSONFields(element, context: "/system_stats.devices[\(index)]")
            return Device(
                name: try device.optionalString("name") ?? "",
                type: try device.optionalString("type") ?? "",
                index: try device.optionalInt64("index").map(Int.init),
                vramTotal: try device.optionalInt64("vram_total") ?? 0,
                vramFree: try device.optionalInt64("vram_free") ?? 0,
                torchVramTotal: try device.optionalInt64("torch_vram_total") ?? 0,
                torchVramFree: try device.optionalInt64("torch_vram_free") ?? 0
            )
        }
        raw = json
    }
}
