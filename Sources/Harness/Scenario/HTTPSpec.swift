import ComfyClient

/// How the harness talks HTTP to each server (`http:` in a scenario): timeouts, the reply size cap
/// and which failed requests are retried.
public struct HTTPSpec: Sendable, Equatable {
    /// Per API request (connect + send + receive).
    public var timeout: Duration
    /// Per `/view` download.
    public var downloadTimeout: Duration
    /// The largest API reply accepted; bigger aborts the transfer (bounded memory against a broken server).
    public var maxReplyBytes: Int
    /// Retries: none for `POST /prompt` by default (a retried POST can queue the prompt twice), two for GETs.
    public var retry: RetryPolicy

    public init(
        timeout: Duration = .seconds(30), downloadTimeout: Duration = .seconds(120), maxReplyBytes: Int = 64 << 20,
        retry: RetryPolicy = .harnessDefault
    ) {
        self.timeout = timeout
        self.downloadTimeout = downloadTimeout
        self.maxReplyBytes = maxReplyBytes
        self.retry = retry
    }
}
