/// Everything that shapes one simulated ComfyUI server: address, speed, GPU, cache mode, output knobs, faults.
public struct SimulatorConfiguration: Sendable {
    /// Address to bind; loopback unless told otherwise.
    public var host: String
    /// Port to bind; 0 picks a free port (read it back from `ComfySimulator.port`).
    public var port: Int
    /// Multiplies every simulated duration; 0 means no work time at all (benchmarks).
    public var timeScale: Double
    /// The simulated GPU: name, VRAM, timings.
    public var profile: GPUProfile
    /// `.classic` is ComfyUI's default output cache; `.none` behaves like `--cache-none`.
    public var cacheMode: CacheMode
    /// ±1-level deterministic noise on output pixels: the numerical drift of another GPU.
    public var drift: Bool
    /// Alters a rectangle of every output image: a model regression.
    public var regression: RegressionKnob?
    /// Injected failures; can be changed at run time with `ComfySimulator.setFaults`.
    public var faults: SimulatorFaults
    /// Upper bound of the bytes of generated files kept in memory; the oldest are evicted past it.
    public var fileMemoryCap: Int
    /// When set, every request must carry exactly this `Authorization` value (a reverse proxy with
    /// auth in front of ComfyUI); anything else gets 401.
    public var requiredAuthorization: String?
    /// A hostile server: saved outputs are reported (and served) under names that try to escape a
    /// folder (`../`, absolute paths, NUL, 300 characters, markup) instead of ComfyUI's own.
    public var hostileOutputNames: Bool

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        timeScale: Double = 1.0,
        profile: GPUProfile = .rtx4090,
        cacheMode: CacheMode = .classic,
        drift: Bool = false,
        regression: RegressionKnob? = nil,
        faults: SimulatorFaults = .none,
        fileMemoryCap: Int = 512 * 1024 * 1024,
        requiredAuthorization: String? = nil,
        hostileOutputNames: Bool = false
    ) {
        self.host = host
        self.port = port
        self.timeScale = timeScale
        self.profile = profile
        self.cacheMode = cacheMode
        self.drift = drift
        self.regression = regression
        self.faults = faults
        self.fileMemoryCap = fileMemoryCap
        self.requiredAuthorization = requiredAuthorization
        self.hostileOutputNames = hostileOutputNames
    }
}

/// ComfyUI's output cache mode.
public enum CacheMode: String, Sendable, CaseIterable {
    /// `--cache-classic` (default): an identical prompt executes nothing.
    case classic
    /// `--cache-none`: every node runs every time.
    case none
}

/// A simulated model regression: the pixels of one rectangle of every output image are changed.
public struct RegressionKnob: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int = 0, y: Int = 0, width: Int = 200, height: Int = 200) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A `size`×`size` patch at the top-left corner (the classic "200×200 patch" regression).
    public static func patch(size: Int = 200, x: Int = 0, y: Int = 0) -> RegressionKnob {
        RegressionKnob(x: x, y: y, width: size, height: size)
    }
}
