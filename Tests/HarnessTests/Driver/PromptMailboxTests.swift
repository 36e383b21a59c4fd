import ComfyClient
import Testing

@testable import Harness

/// A prompt's mailbox: events are folded in where they arrive; the waiting task wakes only when the
/// history is written, a signal comes, or a deadline (the timeout, or the grace after a terminal event)
/// is due.
@Suite("Prompt mailbox")
struct PromptMailboxTests {
    static let prompt: JSONValue = .object(["3": .object(["class_type": .string("KSampler"), "inputs": .object([:])])])

    static func mailbox(deadline: Double = 100, grace: Double = 2) -> (PromptMailbox, RunClock) {
        let clock = RunClock()
        let timeline = PromptTimeline(
            record: PromptRecord(promptID: "p", sequence: 0, workflow: "w", seed: nil, server: "s", scheduledAt: 0),
            prompt: prompt)
        return (PromptMailbox(timeline: timeline, clock: clock, deadline: deadline, historyGrace: grace), clock)
    }

    static func received(_ event: ComfyEvent, at seconds: Double, _ clock: RunClock) -> ReceivedEvent {
        ReceivedEvent(event: event, receivedAt: clock.origin.advanced(by: .milliseconds(Int64(seconds * 1000))))
    }

    @Test("events are folded into the timeline; executing:null wakes the prompt once")
    func historyWrittenWakes() async {
        let (mailbox, clock) = Self.mailbox()
        mailbox.apply(Self.received(.executionStart(promptID: "p", timestamp: 5), at: 1, clock))
        mailbox.apply(Self.received(.executing(promptID: "p", node: "3", displayNode: "3"), at: 1.5, clock))
        mailbox.apply(Self.received(.executionSuccess(promptID: "p", timestamp: 9), at: 2, clock))
        mailbox.apply(Self.received(.executing(promptID: "p", node: nil, displayNode: nil), at: 2.5, clock))
        guard case .progressed? = await mailbox.next() else {
            Issue.record("expected .progressed")
            return
        }
        let timeline = mailbox.close()
        #expect(timeline.historyWritten && timeline.terminated)
        #expect(timeline.record.startedAt == 1 && timeline.record.finishedAt == 2)
        #expect(timeline.record.phases.map(\.node) == ["3"])
        #expect(await mailbox.next() == nil)
    }

    @Test("a terminal event without executing:null makes the deadline due after the grace, not before")
    func graceDeadline() async {
        let (mailbox, clock) = Self.mailbox(deadline: 100, grace: 2)
        mailbox.apply(Self.received(.executionSuccess(promptID: "p", timestamp: 9), at: 3, clock))
        mailbox.checkDeadline(now: 4.9)
        mailbox.deliver(.socketUp)
        guard case .signal(.socketUp)? = await mailbox.next() else {
            Issue.record("expected only the socketUp signal before the grace ends")
            return
        }
        mailbox.checkDeadline(now: 5)
        mailbox.checkDeadline(now: 6)  // once only
        guard case .signal(.deadline)? = await mailbox.next() else {
            Issue.record("expected .deadline")
            return
        }
        _ = mailbox.close()
        #expect(await mailbox.next() == nil)
    }

    @Test("the timeout deadline is delivered once it is due; nothing after close")
    func timeoutDeadline() async {
        let (mailbox, _) = Self.mailbox(deadline: 10)
        mailbox.checkDeadline(now: 9.99)
        mailbox.checkDeadline(now: 10)
        guard case .signal(.deadline)? = await mailbox.next() else {
            Issue.record("expected .deadline")
            return
        }
        _ = mailbox.close()
        mailbox.deliver(.cancelled)
        #expect(await mailbox.next() == nil)
    }
}
