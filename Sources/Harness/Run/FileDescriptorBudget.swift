import Foundation

/// Checks, before a run sends anything, that the process may open the sockets and files the load
/// needs. Out of descriptors mid-run, libcurl can only fail requests, and SwiftNIO's event loops stop
/// the process (a thread that cannot create its epoll descriptor is a fatal error there): a clear
/// error up front beats both. The soft limit is raised toward the hard one first, as Go's runtime does.
public enum FileDescriptorBudget {
    /// Descriptors besides the per-prompt sockets: event-loop threads (epoll, eventfd, timerfd each),
    /// curl's wake-up pipe, the `/ws` socket, `samples.jsonl`, `system_stats.jsonl`, the reports written at
    /// the end, and headroom. Measured peak with one client on the simulator: 24.
    static let reserve = 24
    /// libcurl keeps at most this many connections per host (`HTTPTransport`'s default).
    static let connectionsPerHost = 64

    /// Descriptors the load itself needs: one HTTP connection per prompt in flight (capped by curl's
    /// per-host limit), the monitor's and the event socket per server, and the idle sockets.
    public static func loadNeeds(_ load: LoadSpec, servers: Int) -> Int {
        let servers = max(servers, 1)
        return min(max(load.maxInFlight, 1), connectionsPerHost * servers) + servers * (2 + load.idleSockets)
    }

    /// Makes sure `loadNeeds` more descriptors (plus the reserve) can be opened; throws with the numbers
    /// and what to do when even the hard limit is too low.
    public static func ensure(for load: LoadSpec, servers: Int) throws {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let unlimited = rlim_t.max  // RLIM_INFINITY
        let open = openDescriptors()
        let needed = open + reserve + loadNeeds(load, servers: servers)
        if limit.rlim_cur == unlimited || Int(limit.rlim_cur) >= needed { return }
        if limit.rlim_max == unlimited || Int(limit.rlim_max) >= needed {
            var raised = limit
            raised.rlim_cur = rlim_t(needed)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return }
        }
        throw HarnessError.io(
            path: "ulimit -n",
            reason: "the open-file limit is \(limit.rlim_cur) (hard \(limit.rlim_max == unlimited ? "unlimited" : String(limit.rlim_max))), "
                + "and this run needs about \(needed): \(open) open now, \(reserve) for the harness itself, "
                + "\(loadNeeds(load, servers: servers)) for \(load.maxInFlight) prompts in flight on \(servers) server(s)",
            hint: "raise it (ulimit -n \(needed)) or lower load concurrency / max_in_flight")
    }

    /// Descriptors open in this process now (`/proc/self/fd`; 3 where that is not available).
    static func openDescriptors() -> Int {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return 3 }
        return max(entries.count - 1, 3)  // the directory's own descriptor is listed too
    }
}
