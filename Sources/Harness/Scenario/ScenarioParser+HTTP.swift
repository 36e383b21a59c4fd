import ComfyClient
import Yams

extension ScenarioParser {
    static let httpKeys = ["timeout", "download_timeout", "max_reply", "retries"]
    static let retryKeys = ["submit", "get", "backoff"]
    /// More retries than this only hide an outage (and multiply its cost): the scenario is refused.
    static let maxRetries = 10

    /// `http: {timeout: 30s, download_timeout: 2m, max_reply: 64MiB, retries: {submit: 0, get: 2, backoff: 250ms}}`.
    func readHTTP(_ node: Node) -> HTTPSpec? {
        guard let fields = reader.mapping(node, "http", allowed: Self.httpKeys) else { return nil }
        var spec = HTTPSpec()
        if let value = fields["timeout"].flatMap({ reader.duration($0, "http timeout") }) { spec.timeout = value }
        if let value = fields["download_timeout"].flatMap({ reader.duration($0, "http download_timeout") }) {
            spec.downloadTimeout = value
        }
        if let node = fields["max_reply"], let bytes = readReplyLimit(node) { spec.maxReplyBytes = bytes }
        if let node = fields["retries"], let retry = readRetries(node) { spec.retry = retry }
        return spec
    }

    /// `max_reply: 64MiB`: at least 64 KiB (a `/queue` or `/object_info` reply is bigger than that).
    private func readReplyLimit(_ node: Node) -> Int? {
        switch Quantity.parse(node.scalarString ?? "", as: .bytes) {
        case .failure(let problem):
            reader.error("bad max_reply: \(problem.message)", at: node, hint: problem.hint)
            return nil
        case .success(let bytes) where bytes < 65536 || bytes > Double(1 << 40):
            reader.error(
                "max_reply must be between 64KiB and 1TiB, found '\(node.scalarString ?? "")'", at: node,
                hint: "/object_info alone is several MB on a real server; the default is 64MiB")
            return nil
        case .success(let bytes):
            return Int(bytes)
        }
    }

    /// `retries: {submit: 0, get: 2, backoff: 250ms}`; unset keys keep the defaults.
    private func readRetries(_ node: Node) -> RetryPolicy? {
        guard let fields = reader.mapping(node, "http retries", allowed: Self.retryKeys) else { return nil }
        var policy = RetryPolicy.harnessDefault
        if let node = fields["submit"], let count = readRetryCount(node, "retries submit") {
            policy.submitRetries = count
            if count > 0 {
                reader.sink.warning(
                    "retrying POST /prompt can queue a prompt twice when only its reply was lost",
                    at: reader.location(of: node), hint: "keep 'submit: 0' unless a proxy in front fails before forwarding")
            }
        }
        if let node = fields["get"], let count = readRetryCount(node, "retries get") { policy.getRetries = count }
        if let node = fields["backoff"], let backoff = reader.duration(node, "retries backoff") {
            if backoff > .seconds(60) {
                reader.error("retries backoff must be at most 60s, found '\(node.scalarString ?? "")'", at: node)
            } else {
                policy.backoff = backoff
            }
        }
        return policy
    }

    private func readRetryCount(_ node: Node, _ what: String) -> Int? {
        guard let count = reader.int(node, what, minimum: 0) else { return nil }
        guard count <= Self.maxRetries else {
            reader.error("\(what) must be at most \(Self.maxRetries), found \(count)", at: node,
                hint: "retries bounded by the per-prompt timeout are what keep a failing run short")
            return nil
        }
        return count
    }
}
