/// Everything that can go wrong talking to a ComfyUI server: what failed, the URL, why, and a hint.
///
/// URLs in errors have credentials redacted; headers (and so the Authorization value) never appear.
public enum ComfyClientError: Error, Sendable, CustomStringConvertible {
    /// A server URL that is not http(s) or has no host.
    case invalidEndpoint(url: String, reason: String)
    /// Nothing accepted the TCP connection.
    case connectionRefused(url: String)
    /// The request did not complete within its timeout.
    case timeout(url: String, after: Duration)
    /// TLS handshake or certificate verification failed.
    case tls(url: String, message: String)
    /// The server answered with a non-success status; `bodySnippet` is the start of the body as text.
    case http(status: Int, url: String, bodySnippet: String)
    /// `POST /prompt` answered 400: the workflow failed validation.
    case promptRejected(PromptRejection)
    /// The reply did not have the expected shape.
    case decoding(url: String, what: String)
    /// The reply was larger than the caller's limit; the transfer was aborted.
    case responseTooLarge(url: String, limit: Int)
    /// Any other curl failure (DNS, reset connection, …) with curl's message.
    case transport(url: String, message: String)
    /// The task waiting for the response was cancelled.
    case cancelled(url: String)
    /// The entry never appeared in `/history` after all retries.
    case historyMissing(promptID: String, attempts: Int)

    public var description: String {
        switch self {
        case .invalidEndpoint(let url, let reason):
            return "invalid server URL '\(url)': \(reason) (expected e.g. http://127.0.0.1:8188)"
        case .connectionRefused(let url):
            return "couldn't connect to \(url) — is ComfyUI running? "
                + "Start it with --listen to accept remote connections"
        case .timeout(let url, let after):
            return "no complete answer from \(url) within \(Self.format(after)) — "
                + "the server may be overloaded or blocked; raise the timeout if this is expected"
        case .tls(let url, let message):
            return "TLS failed for \(url): \(message) — check the certificate; "
                + "use --insecure only if you trust the server"
        case .http(let status, let url, let bodySnippet):
            let body = bodySnippet.isEmpty ? "" : ": \(bodySnippet)"
            return "\(url) answered HTTP \(status)\(body)\(Self.hint(forStatus: status))"
        case .promptRejected(let rejection):
            return rejection.description
        case .decoding(let url, let what):
            return "unexpected reply from \(url): \(what) — is this a ComfyUI server of a supported version?"
        case .responseTooLarge(let url, let limit):
            return "the reply from \(url) is larger than the limit of \(limit) bytes; transfer aborted"
        case .transport(let url, let message):
            return "request to \(url) failed: \(message)"
        case .cancelled(let url):
            return "request to \(url) was cancelled"
        case .historyMissing(let promptID, let attempts):
            return "prompt \(promptID) did not appear in /history after \(attempts) attempts — "
                + "it may have been deleted from the queue or the server restarted"
        }
    }

    static func hint(forStatus status: Int) -> String {
        switch status {
        case 401, 407: return " — check the authorization header for the proxy in front of ComfyUI"
        case 403: return " — a proxy refused the request, or an Origin header did not match the Host"
        case 404: return " — wrong path or file not found"
        case 413: return " — the body exceeds the server's --max-upload-size"
        case 500: return " — the server raised an exception (malformed request?); see its log"
        case 502, 503, 504: return " — a proxy could not reach ComfyUI"
        default: return ""
        }
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
