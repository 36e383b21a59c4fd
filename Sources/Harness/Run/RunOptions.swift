/// How `run` is invoked, beyond what the scenario says.
public struct RunOptions: Sendable {
    /// The report folder; nil → `reports/<scenario>/<UTC time>/`.
    public var outputDirectory: String?
    /// Replaces the scenario's servers (one URL, or several for a fleet).
    public var servers: [String]?
    /// The full `Authorization` header value (read from an environment variable or a file; never written anywhere).
    public var authorization: String?
    /// Skip TLS verification (recorded in the report).
    public var insecure = false
    /// On Ctrl-C, delete this run's pending prompts and interrupt its running one.
    public var cancelOnStop = true
    /// After a stop, how long to wait for prompts still on the server before recording them as cancelled.
    public var stopGrace: Duration = .seconds(10)
    /// Check every workflow against the server's /object_info before sending load.
    public var preflight = true
    public var download: DownloadPolicy = .measure
    /// Seeds the workflow mix, the random prompt seeds and Poisson arrivals.
    public var runSeed: UInt64 = 0x5EED_C0FF

    public init() {}
}
