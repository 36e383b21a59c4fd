import ComfyClient

/// Cleans up after a stopped run: a client that disconnects cancels nothing in ComfyUI, so the
/// harness deletes its own pending prompts and interrupts its own running one (found by the
/// `client_id` in each queue item's extra_data), and never touches other users' prompts.
public enum RunCanceller {
    public static func cancelOwnPrompts(on connection: ServerConnection) async {
        guard let queue = try? await connection.client.queue() else { return }
        let pending = queue.pending.filter { $0.clientID == connection.clientID }.map(\.promptID)
        if !pending.isEmpty {
            try? await connection.client.deletePending(pending)
            for promptID in pending { connection.router.deliver(.cancelled, to: promptID) }
        }
        for item in queue.running where item.clientID == connection.clientID {
            try? await connection.client.interrupt(promptID: item.promptID)
        }
    }
}
