import ComfyClient

/// Maps a client error to the outcome class reports count it under.
enum FailureClassifier {
    static func outcome(for error: any Error) -> PromptOutcome {
        guard let error = error as? ComfyClientError else { return .http }
        switch error {
        case .promptRejected: return .validation
        case .timeout: return .timeout
        case .connectionRefused, .tls, .transport: return .connection
        default: return .http
        }
    }

    static func status(of error: any Error) -> Int? {
        guard let error = error as? ComfyClientError else { return nil }
        switch error {
        case .http(let status, _, _): return status
        case .promptRejected: return 400
        default: return nil
        }
    }
}
