import CCurl
import Foundation
import Testing

@testable import ComfyClient

/// Out of file descriptors, curl says "couldn't connect": the mapping names the real cause.
@Suite("File descriptor exhaustion", .serialized)
struct FileDescriptorExhaustionTests {
    /// Expected: with the process out of descriptors, a refused connect is reported as EMFILE with the
    /// fix, not as a server that is down. (The limit is lowered to the lowest free descriptor for a moment, in-process.)
    @Test("curl's \"couldn't connect\" while out of descriptors is named EMFILE")
    func emfileIsNamed() throws {
        var saved = rlimit()
        try #require(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved) == 0)
        // The next descriptor the kernel would hand out is the lowest free one: a limit at that number fails it.
        let lowestFree = dup(0)
        try #require(lowestFree >= 0)
        close(lowestFree)
        var lowered = saved
        lowered.rlim_cur = rlim_t(lowestFree)
        try #require(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered) == 0)
        let exhausted = CurlErrorMapping.socketsExhausted()
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        #expect(exhausted == EMFILE)
        #expect(CurlErrorMapping.socketsExhausted() == nil)  // restored
        let request = HTTPRequest(url: "http://127.0.0.1:9/x")
        let error = CurlErrorMapping.error(
            code: CURLE_COULDNT_CONNECT, detail: "", request: request, url: request.url, exceededLimit: false,
            connected: false, osErrno: EMFILE)
        #expect("\(error)".contains("too many open files (EMFILE)"))
        #expect("\(error)".contains("ulimit -n"))
        #expect("\(error)".contains("http://127.0.0.1:9/x"))
    }
}
