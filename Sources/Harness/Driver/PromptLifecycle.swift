import ComfyClient
import Foundation

/// Drives one prompt from submission to downloaded outputs and classifies how it ended.
///
/// Order matters: the prompt id is registered with the router before the POST (events can beat
/// the HTTP reply); completion waits for `executing: null`, sent after the history entry is
/// written (§5.5 of the protocol notes); `create_time` comes from that entry.
public struct PromptLifecycle: Sendable {
    public let connection: ServerConnection
    public let clock: RunClock
    public let timeout: Double
    public let download: DownloadPolicy
    /// How long to wait for `executing: null` after the terminal event before asking /history.
    public var historyGrace: Double = 2
    /// Poll interval for `/history/{id}` while the WebSocket is down.
    public var pollInterval: Duration = .seconds(1)

    public init(connection: ServerConnection, clock: RunClock, timeout: Double, download: DownloadPolicy) {
        self.connection = connection
        self.clock = clock
        self.timeout = timeout
        self.download = download
    }

    /// Runs the prompt; never throws: every failure becomes the record's outcome.
    public func run(_ planned: PlannedPrompt, scheduledAt: Double) async -> PromptRecord {
        let promptID = PromptIdentifier.make()
        let initial = PromptTimeline(
            record: PromptRecord(
                promptID: promptID, sequence: planned.sequence, workflow: planned.workflow, seed: planned.seed,
                server: connection.endpoint.displayURL, scheduledAt: scheduledAt),
            prompt: planned.prompt)
        // Events are folded into the timeline as they arrive, from here on (they can beat the POST's reply).
        let mailbox = connection.router.register(
            promptID, timeline: initial, clock: clock, deadline: scheduledAt + timeout, historyGrace: historyGrace)
        defer { connection.router.unregister(promptID) }

        let sentAt = clock.now
        var acceptedInstant = ContinuousClock.now
        let acceptedAt: Double
        let number: Double
        do {
            let accepted = try await connection.client.submit(
                prompt: planned.prompt, promptID: promptID, clientID: connection.clientID)
            acceptedAt = clock.now
            number = accepted.number
            acceptedInstant = ContinuousClock.now
        } catch {
            var record = initial.record
            record.sentAt = sentAt
            record.acceptedAt = clock.now
            record.outcome = FailureClassifier.outcome(for: error)
            record.failure = .init(message: String(describing: error), status: FailureClassifier.status(of: error))
            return record
        }

        let ending = await follow(mailbox, promptID: promptID, acceptedAfter: acceptedInstant)
        connection.router.unregister(promptID)
        let timeline = mailbox.close()
        var record = timeline.record
        record.sentAt = sentAt
        record.acceptedAt = acceptedAt
        record.number = number
        switch ending {
        case .cancelled:
            record.outcome = .cancelled
            record.failure = .init(message: "cancelled when the run stopped (removed from the queue, or no longer awaited)")
            return record
        case .vanished where !timeline.terminated:
            record.outcome = .lost
            record.failure = .init(
                message: "accepted, then gone: neither queued nor in /history on \(connection.endpoint.baseURL) "
                    + "(the server restarted, the queue was cleared, or the history was never written)")
            return record
        default:
            break
        }
        var entry: HistoryEntry?
        var historyError: (any Error)?
        switch ending {
        case .history(let polled):
            entry = polled
        case .deadline where !timeline.terminated:
            // Past its timeout with no terminal event: one look, no retries, so a prompt that
            // finishes while we wait is not recorded as a success after its deadline.
            do { entry = try await connection.client.history(promptID: promptID, includingWorkflow: false) } catch { historyError = error }
        default:
            // Done (or terminal without `executing: null`): the entry may lag the events (§5.5).
            entry = try? await connection.client.waitForHistory(promptID: promptID, includingWorkflow: false)
        }
        if let entry { HistoryMerger.merge(entry, into: &record) }

        if record.terminalEvent == nil {
            record.outcome = await classifyUnfinished(promptID: promptID, historyFound: entry != nil)
            if record.outcome == .lost, let historyError {
                // Not queued, and its history could not be read: say why, rather than "vanished".
                record.outcome = FailureClassifier.outcome(for: historyError)
                record.failure = .init(
                    message: "no terminal event by the timeout, and /history failed: \(historyError)",
                    status: FailureClassifier.status(of: historyError))
            }
            return record
        }
        if record.terminalEvent == "execution_success" {
            record.outcome = timeline.fullyCached || record.executedNothing(nodeCount: timeline.nodeCount) ? .cached : .ok
        }
        if record.outcome == .ok {
            await downloadOutputs(&record)
        }
        return record
    }

    /// How following a prompt's signals ended.
    private enum Ending {
        case events
        case history(HistoryEntry)
        /// Polling saw the prompt in neither the queue nor the history, twice.
        case vanished
        case deadline
        case cancelled
    }

    /// Waits until the prompt is done, its deadline passes (the timeout, or the grace after a terminal
    /// event) or the run cancels it; its events are folded into the mailbox's timeline meanwhile,
    /// without waking this task.
    private func follow(
        _ mailbox: PromptMailbox, promptID: String, acceptedAfter: ContinuousClock.Instant
    ) async -> Ending {
        var poller: Task<Void, Never>?
        defer { poller?.cancel() }

        while let wake = await mailbox.next() {
            switch wake {
            case .progressed:
                return .events
            case .signal(.socketDown):
                if poller == nil { poller = startPolling(promptID, acceptedAfter: acceptedAfter) }
            case .signal(.socketUp):
                break  // keep polling: events missed while down are never replayed
            case .signal(.history(let entry)):
                return .history(entry)
            case .signal(.vanished):
                // Events that arrived meanwhile (a terminal one) win: the caller checks `terminated`.
                return .vanished
            case .signal(.deadline):
                return .deadline
            case .signal(.cancelled):
                return .cancelled
            }
        }
        return .deadline
    }

    /// Polls `/history/{id}` until the entry is terminal; with the shared `/queue` read it also notices a
    /// prompt the server forgot (two rounds in a row in neither place), so it is `lost` within a few
    /// intervals of the server coming back rather than at its timeout. Unanswered reads decide nothing.
    private func startPolling(_ promptID: String, acceptedAfter: ContinuousClock.Instant) -> Task<Void, Never> {
        let client = connection.client, router = connection.router, interval = pollInterval
        let probe = connection.queueProbe
        return Task {
            var misses = 0
            while !Task.isCancelled {
                // The queue is read first: a prompt that finishes in between is then in the history.
                let queue = await probe.snapshot(notBefore: max(acceptedAfter, ContinuousClock.now - interval))
                var answered = true
                var entry: HistoryEntry?
                do { entry = try await client.history(promptID: promptID, includingWorkflow: false) } catch { answered = false }
                if let entry, entry.terminalMessage != nil {
                    router.deliver(.history(entry), to: promptID)
                    return
                }
                if answered, entry == nil, let queue, !queue.contains(promptID) {
                    misses += 1
                    if misses >= 2 {
                        router.deliver(.vanished, to: promptID)
                        return
                    }
                } else {
                    misses = 0
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// No terminal event by the deadline: still queued or running → timeout (and cancelled on the
    /// server so it stops costing GPU time); nowhere to be found → lost.
    private func classifyUnfinished(promptID: String, historyFound: Bool) async -> PromptOutcome {
        guard let queue = try? await connection.client.queue() else { return .timeout }
        if queue.pending.contains(where: { $0.promptID == promptID }) {
            try? await connection.client.deletePending([promptID])
            return .timeout
        }
        if queue.running.contains(where: { $0.promptID == promptID }) {
            try? await connection.client.interrupt(promptID: promptID)
            return .timeout
        }
        return historyFound ? .timeout : .lost
    }

    private func downloadOutputs(_ record: inout PromptRecord) async {
        guard download != .skip, !record.outputs.isEmpty else { return }
        var bytes = 0
        for (index, file) in record.outputs.enumerated() {
            do {
                let data = try await connection.client.view(file)
                bytes += data.count
                if let problem = DownloadCheck.problem(in: data, filename: file.filename) {
                    // The reply was complete but the file is not: an unreadable reply, kept with its timeline.
                    record.outcome = .http
                    record.failure = .init(message: "downloading \(file.filename): \(problem)")
                    break
                }
                if case .keep(let directory) = download {
                    try OutputStore.write(data, workflow: record.workflow, seed: record.seed, index: index, under: directory)
                }
            } catch {
                record.outcome = FailureClassifier.outcome(for: error)
                record.failure = .init(message: "downloading \(file.filename): \(error)", status: FailureClassifier.status(of: error))
                break
            }
        }
        record.downloadBytes = bytes
        record.downloadedAt = clock.now
    }
}

extension PromptRecord {
    /// Success without a single `executing` node event means the server ran nothing new.
    func executedNothing(nodeCount: Int) -> Bool {
        phases.isEmpty && terminalEvent == "execution_success" && (cachedNodes?.count ?? 0) >= nodeCount
    }
}
