import CCurl
import Glibc

/// Maps a failed curl transfer to the `ComfyClientError` a user can act on.
enum CurlErrorMapping {
    static func error(
        code: CURLcode,
        detail: String,
        request: HTTPRequest,
        url: String,
        exceededLimit: Bool,
        connected: Bool,
        osErrno: Int32 = 0
    ) -> ComfyClientError {
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        // Out of file descriptors, curl cannot open a socket and says "couldn't connect": name the real cause.
        if osErrno == EMFILE || osErrno == ENFILE {
            return .transport(url: url, message: fileDescriptorsExhausted(osErrno))
        }
        // curl 7.88 drops socket()'s errno ("couldn't connect", no OS error): ask the OS ourselves.
        if code == CURLE_COULDNT_CONNECT, !connected, osErrno == 0, let exhausted = socketsExhausted() {
            return .transport(url: url, message: fileDescriptorsExhausted(exhausted))
        }
        switch code {
        case CURLE_WRITE_ERROR where exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .responseTooLarge(url: url, limit: request.maxResponseBytes)
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused(url: url)
        case CURLE_OPERATION_TIMEDOUT:
            // Before the connection is up only the connect timeout can have fired.
            let after = connected ? request.timeout : min(request.connectTimeout, request.timeout)
            return .timeout(url: url, after: after)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED:
            return .tls(url: url, message: message)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .transport(url: url, message: "\(message) — check the host name")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return .transport(url: url, message: "\(message) — the server closed the connection")
        default:
            return .transport(url: url, message: message)
        }
    }

    /// EMFILE or ENFILE when this process cannot open a socket right now, else nil.
    static func socketsExhausted() -> Int32? {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if probe >= 0 {
            close(probe)
            return nil
        }
        let cause = errno
        return cause == EMFILE || cause == ENFILE ? cause : nil
    }

    /// EMFILE/ENFILE in words, with what to do.
    static func fileDescriptorsExhausted(_ osErrno: Int32) -> String {
        let which = osErrno == EMFILE ? "this process" : "the system"
        return "too many open files (\(osErrno == EMFILE ? "EMFILE" : "ENFILE")): \(which) hit its file-descriptor limit — "
            + "raise it (ulimit -n) or lower the load's concurrency / max_in_flight"
    }
}
