import Foundation

/// Whether the suite runs under AddressSanitizer or ThreadSanitizer (`make sanitize-address`,
/// `make sanitize-thread` set `COMFY_HARNESS_SANITIZER=1`).
///
/// Only tests that wait a fixed wall-clock time for real work use it, to skip themselves: the
/// sanitizers slow every allocation and memory access 2–15×, so such a wait can run out before the
/// work is done. Without the variable every test runs, with its bounds unchanged.
enum SanitizerRun {
    static let isActive = ProcessInfo.processInfo.environment["COMFY_HARNESS_SANITIZER"] == "1"
}
