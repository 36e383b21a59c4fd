/// Async HTTP over libcurl's multi interface: one dedicated thread drives every transfer.
///
/// Requests are handed to that thread through a lock-protected queue plus `curl_multi_wakeup`; each
/// completion resumes the caller's continuation, so `send` never blocks the cooperative pool.
/// Connections are kept alive and reused through the multi handle's connection cache.
public final class HTTPTransport: Sendable {
    /// The process-wide transport (64 connections per host).
    public static let shared = HTTPTransport()

    let loop: CurlMultiLoop

    /// Starts the curl thread. At most `maxConnectionsPerHost` connections per host; more requests wait in curl.
    public init(maxConnectionsPerHost: Int = 64) {
        loop = CurlMultiLoop(maxConnectionsPerHost: maxConnectionsPerHost)
        loop.start()
    }

    deinit {
        loop.stop()
    }

    /// The curl thread as a task executor: a task that prefers it (`Task(executorPreference:)`) sends
    /// its requests and gets their replies without a thread hop each way. Keep such tasks short between
    /// awaits: while one runs, no transfer makes progress.
    public var executor: any TaskExecutor { loop }

    /// Sends `request` and returns the complete response, whatever its status.
    ///
    /// Throws `ComfyClientError` for transport failures (refused, timeout, TLS, size limit) and
    /// `.cancelled` when the calling task is cancelled (the transfer is aborted).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = CurlTransfer(request: request)
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            transfer.markCancelled()
            loop.cancel(transfer)
        }
    }
}
