import CCurl
import CShims
import Foundation
import NIOConcurrencyHelpers
import Synchronization  // Atomic (TSan sees atomics; only Mutex is hidden from it)

/// The curl multi handle and the dedicated thread that drives it.
///
/// Other threads only append commands to `inbox` and call `curl_multi_wakeup` (which is thread-safe);
/// everything else (`active`, the easy handles) is touched on the curl thread alone. The thread is a
/// plain `Thread`, never the Swift cooperative pool, because `curl_multi_poll` blocks.
///
/// The thread is also a `TaskExecutor`: a task that prefers it runs between curl's turns, so a request
/// it sends and the reply that resumes it never cross threads. At one prompt in flight those hops (a
/// wake-up of the curl thread, then of a pool thread, per request) were much of the driver's CPU.
final class CurlMultiLoop: TaskExecutor, @unchecked Sendable {
    private enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer)
        /// Start watching a socket.
        case attach(any CurlLoopSocket)
        /// Let a socket look at a request made from another thread (a stop).
        case service(any CurlLoopSocket)
    }

    private struct Inbox {
        var commands: [Command] = []
        /// Jobs of tasks that prefer this executor, run in order on the curl thread.
        var jobs: [UnownedJob] = []
        var stopping = false
        var stopped = false
    }

    /// Nil when curl could not create the multi handle (it needs a wake-up socket pair: out of file
    /// descriptors, or memory); every request then fails with that reason instead of the process trapping.
    private let multi: UnsafeMutableRawPointer?
    private let inbox = NIOLockedValueBox(Inbox())
    /// Transfers added to the multi handle, by easy handle address. Curl thread only.
    private var active: [UInt: CurlTransfer] = [:]
    /// The curl thread's id once it runs (0 before): work queued from that thread needs no wake-up.
    private let loopThread = Atomic<UInt>(0)
    /// Easy handles of finished transfers, reset for the next ones (curl thread only): creating and
    /// freeing one per request was a visible share of libcurl's cost at a thousand requests a second.
    private var spareHandles: [UnsafeMutableRawPointer] = []
    private static let maxSpareHandles = 64
    /// Sockets watched beside the transfers (curl thread only), and the poll entries built for them.
    private var sockets: [any CurlLoopSocket] = []
    private var waitDescriptors: [curl_waitfd] = []

    init(maxConnectionsPerHost: Int) {
        CurlGlobal.initializeOnce()
        multi = curl_multi_init()
        guard let multi else { return }
        let perHost = max(1, maxConnectionsPerHost)
        _ = chs_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        // The idle-connection cache: big enough to keep every per-host connection alive for reuse.
        _ = chs_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(perHost * 4, 32))
    }

    func start() {
        guard multi != nil else { return }
        let thread = Thread { [self] in self.run() }
        thread.name = "comfy-curl"
        thread.start()
    }

    /// Hands a transfer to the curl thread; fails it at once if the loop has stopped.
    func submit(_ transfer: CurlTransfer) {
        guard let multi else {
            let reason = "libcurl could not start (curl_multi_init failed: out of file descriptors or memory)"
            transfer.finish(.failure(.transport(url: transfer.displayURL, message: reason + " — raise ulimit -n")))
            return
        }
        let accepted = inbox.withLockedValue { inbox in
            guard !inbox.stopping else { return false }
            inbox.commands.append(.add(transfer))
            return true
        }
        if accepted {
            wakeUp(multi)
        } else {
            transfer.finish(.failure(.transport(url: transfer.displayURL, message: "the HTTP transport was shut down")))
        }
    }

    /// Hands a connected socket to the curl thread; false when the loop has stopped (or never started).
    func attach(_ socket: any CurlLoopSocket) -> Bool {
        guard let multi else { return false }
        let accepted = inbox.withLockedValue { inbox in
            guard !inbox.stopping else { return false }
            inbox.commands.append(.attach(socket))
            return true
        }
        if accepted { wakeUp(multi) }
        return accepted
    }

    /// Makes the curl thread call `socket.service` soon (after a request from another thread).
    func poke(_ socket: any CurlLoopSocket) {
        guard let multi else { return }
        inbox.withLockedValue { $0.commands.append(.service(socket)) }
        wakeUp(multi)
    }

    func cancel(_ transfer: CurlTransfer) {
        guard let multi else { return }
        inbox.withLockedValue { $0.commands.append(.cancel(transfer)) }
        wakeUp(multi)
    }

    /// Runs a job on the curl thread; once the loop has stopped (or never started), on the global executor.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        guard let multi else {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
            return
        }
        let accepted = inbox.withLockedValue { inbox in
            guard !inbox.stopped else { return false }
            inbox.jobs.append(unowned)
            return true
        }
        if accepted {
            wakeUp(multi)
        } else {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        }
    }

    /// `curl_multi_wakeup`, skipped on the curl thread itself (it looks at the inbox before it polls).
    private func wakeUp(_ multi: UnsafeMutableRawPointer) {
        if loopThread.load(ordering: .relaxed) != UInt(pthread_self()) { curl_multi_wakeup(multi) }
    }

    /// Asks the thread to fail what is in flight and exit; the multi handle is freed by the thread.
    func stop() {
        guard let multi else { return }
        inbox.withLockedValue { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        guard let multi else { return }
        loopThread.store(UInt(pthread_self()), ordering: .relaxed)
        let executor = asUnownedTaskExecutor()
        var running: Int32 = 0
        while true {
            let (commands, jobs, stopping) = inbox.withLockedValue { inbox in
                defer {
                    inbox.commands.removeAll(keepingCapacity: true)
                    inbox.jobs.removeAll(keepingCapacity: true)
                }
                return (inbox.commands, inbox.jobs, inbox.stopping)
            }
            for command in commands { handle(command, multi) }
            for job in jobs { job.runSynchronously(on: executor) }
            if stopping {
                shutDown(multi)
                return
            }
            _ = curl_multi_perform(multi, &running)
            collectFinished(multi)
            // Work queued meanwhile (by the jobs, or by replies that resumed tasks): straight to it, without
            // a poll. curl_multi_perform reads whatever is ready without one; a zero-timeout poll here was
            // about ten syscalls per prompt lifecycle at one in flight.
            let idle = inbox.withLockedValue { $0.commands.isEmpty && $0.jobs.isEmpty }
            if sockets.isEmpty {
                if idle { _ = curl_multi_poll(multi, nil, 0, 1000, nil) }
            } else {
                pollWithSockets(multi, wait: idle)
            }
        }
    }

    /// Polls curl's sockets and the watched ones together (without waiting when work is queued), then
    /// services the watched sockets that are ready or due.
    private func pollWithSockets(_ multi: UnsafeMutableRawPointer, wait: Bool) {
        let start = ContinuousClock.now
        var timeout: Int32 = wait ? 1000 : 0
        waitDescriptors.removeAll(keepingCapacity: true)
        for socket in sockets {
            let events = Int16(CURL_WAIT_POLLIN) | (socket.wantsWrite ? Int16(CURL_WAIT_POLLOUT) : 0)
            waitDescriptors.append(curl_waitfd(fd: socket.pollDescriptor, events: events, revents: 0))
            if let deadline = socket.nextDeadline {
                let (seconds, attoseconds) = (deadline - start).components
                let milliseconds = max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
                timeout = Int32(min(Int64(timeout), milliseconds))
            }
        }
        _ = waitDescriptors.withUnsafeMutableBufferPointer { entries in
            curl_multi_poll(multi, entries.baseAddress, UInt32(entries.count), timeout, nil)
        }
        let now = ContinuousClock.now
        var index = 0
        var kept = 0
        // Sockets attached during a service call land in the inbox, not here: the two arrays stay aligned.
        while index < sockets.count {
            let socket = sockets[index]
            let ready = waitDescriptors[index].revents
            let due = socket.nextDeadline.map { $0 <= now } ?? false
            var alive = true
            if ready != 0 || due {
                let readable = ready & Int16(CURL_WAIT_POLLIN | CURL_WAIT_POLLPRI) != 0
                alive = socket.service(readable: readable, writable: ready & Int16(CURL_WAIT_POLLOUT) != 0, now: now)
            }
            if alive {
                sockets[kept] = socket
                kept += 1
            }
            index += 1
        }
        sockets.removeLast(sockets.count - kept)
    }

    private func handle(_ command: Command, _ multi: UnsafeMutableRawPointer) {
        switch command {
        case .add(let transfer):
            if transfer.isCancelled {
                transfer.finish(.failure(.cancelled(url: transfer.displayURL)))
                return
            }
            if let error = transfer.makeEasyHandle(reusing: spareHandles.popLast()) {
                transfer.releaseEasyHandle()
                transfer.finish(.failure(error))
                return
            }
            guard let easy = transfer.easy, curl_multi_add_handle(multi, easy) == CURLM_OK else {
                transfer.releaseEasyHandle()
                transfer.finish(.failure(.transport(url: transfer.displayURL, message: "curl_multi_add_handle failed")))
                return
            }
            active[UInt(bitPattern: easy)] = transfer
        case .attach(let socket):
            // Serviced once at once: it may have bytes to send (its upgrade request).
            if socket.service(readable: false, writable: true, now: .now) { sockets.append(socket) }
        case .service(let socket):
            guard let index = sockets.firstIndex(where: { $0 === socket }) else { return }
            if !socket.service(readable: false, writable: false, now: .now) { sockets.remove(at: index) }
        case .cancel(let transfer):
            // A transfer that already finished is no longer in `active`: nothing to do.
            guard let easy = transfer.easy, active.removeValue(forKey: UInt(bitPattern: easy)) != nil else { return }
            curl_multi_remove_handle(multi, easy)
            recycle(transfer)
            transfer.finish(.failure(.cancelled(url: transfer.displayURL)))
        }
    }

    private func collectFinished(_ multi: UnsafeMutableRawPointer) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            // Copy the fields first: removing the handle invalidates the message.
            let kind = message.pointee.msg
            let easy = message.pointee.easy_handle
            let code = message.pointee.data.result
            guard kind == CURLMSG_DONE, let easy else { continue }
            curl_multi_remove_handle(multi, easy)
            guard let transfer = active.removeValue(forKey: UInt(bitPattern: easy)) else {
                curl_easy_cleanup(easy)
                continue
            }
            let result = transfer.result(for: code)
            recycle(transfer)
            transfer.finish(result)
        }
    }

    /// Takes the transfer's easy handle back for reuse (reset: no option of this request leaks into the
    /// next), or frees it when enough are spare.
    private func recycle(_ transfer: CurlTransfer) {
        guard let easy = transfer.detachEasyHandle() else { return }
        if spareHandles.count < Self.maxSpareHandles {
            curl_easy_reset(easy)
            spareHandles.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
    }

    private func shutDown(_ multi: UnsafeMutableRawPointer) {
        for transfer in active.values {
            if let easy = transfer.easy { curl_multi_remove_handle(multi, easy) }
            transfer.releaseEasyHandle()
            transfer.finish(.failure(.transport(url: transfer.displayURL, message: "the HTTP transport was shut down")))
        }
        active.removeAll()
        for socket in sockets { socket.abandon(reason: "the HTTP transport was shut down") }
        sockets.removeAll()
        // Commands that raced with stop(): fail them too.
        let (late, jobs) = inbox.withLockedValue { inbox in
            defer {
                inbox.commands.removeAll()
                inbox.jobs.removeAll()
            }
            inbox.stopped = true
            return (inbox.commands, inbox.jobs)
        }
        for command in late {
            switch command {
            case .add(let transfer):
                transfer.finish(
                    .failure(.transport(url: transfer.displayURL, message: "the HTTP transport was shut down")))
            case .attach(let socket):
                socket.abandon(reason: "the HTTP transport was shut down")
            case .cancel, .service:
                break
            }
        }
        // Tasks that preferred this thread go on elsewhere.
        for job in jobs { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        for easy in spareHandles { curl_easy_cleanup(easy) }
        spareHandles.removeAll()
        curl_multi_cleanup(multi)
    }
}
