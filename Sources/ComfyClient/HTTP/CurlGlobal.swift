import CCurl
import Foundation

/// Process-wide curl setup, done once before the first multi handle exists.
enum CurlGlobal {
    private static let initialized: Bool = {
        // A peer closing a socket we write to must not kill the process with SIGPIPE (curl's NOSIGNAL
        // does not cover every path, e.g. OpenSSL writes).
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
