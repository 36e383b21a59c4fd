/// `GET /system_stats`: the shape of a real reply, with a CUDA device whose VRAM follows loaded models
/// and the running sampler.
extension SimulatorEngine {
    func systemStats(port: Int) -> SimResponse {
        let profile = configuration.profile
        let models = Int64(loadedModels.count) * profile.modelBytes
        let active = models + activationBytes
        // PyTorch's caching allocator keeps the peak reserved until /free empties it.
        let reserved = models + reservedPeakBytes
        let vramFree = max(profile.vramTotalBytes - profile.vramBaselineBytes - active, 0)
        let gib: Int64 = 1 << 30
        var argv: [SimJSON] = ["main.py", "--listen", .string(configuration.host), "--port", .string(String(port))]
        if configuration.cacheMode == .none { argv.append("--cache-none") }
        let body = SimJSON.obj([
            "system": .obj([
                "os": "linux", "ram_total": .int(64 * gib), "ram_free": .int(48 * gib),
                "comfyui_version": "0.8.0", "required_frontend_version": "1.35.9",
                "installed_templates_version": "0.7.67", "required_templates_version": "0.7.67",
                "python_version": "3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]",
                "pytorch_version": "2.15.0+cu132", "embedded_python": .bool(false), "argv": .array(argv),
            ]),
            "devices": .array([
                .obj([
                    "name": .string("cuda:0 \(profile.name) : cudaMallocAsync"), "type": "cuda", "index": .int(0),
                    "vram_total": .int(profile.vramTotalBytes), "vram_free": .int(vramFree),
                    "torch_vram_total": .int(reserved), "torch_vram_free": .int(max(reserved - active, 0)),
                ])
            ]),
        ])
        return .json(body)
    }
}

extension SimJSON: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { self = .string(value) }
}
