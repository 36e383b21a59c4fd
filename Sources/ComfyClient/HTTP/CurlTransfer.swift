import CCurl
import CShims
import Foundation
import NIOConcurrencyHelpers

/// One request in flight: its curl easy handle, the bytes received so far, and the continuation to resume.
///
/// Created on the caller's task, then owned by the curl thread: only `markCancelled`/`isCancelled` are
/// touched from other threads, through a lock.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    private let cancelFlag = NIOLockedValueBox(false)
    /// Set once by `HTTPTransport.send` before the transfer is handed to the curl thread.
    var continuation: CheckedContinuation<HTTPResponse, any Error>?

    // Curl-thread state.
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var body: [UInt8] = []
    /// The header lines of the last response (after a 100 Continue or a redirect, only the final one's).
    private var headerBytes: [UInt8] = []
    /// Set by the write callback when the body would exceed `maxResponseBytes`.
    private var exceededLimit = false

    init(request: HTTPRequest) {
        self.request = request
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    func markCancelled() { cancelFlag.withLockedValue { $0 = true } }
    var isCancelled: Bool { cancelFlag.withLockedValue { $0 } }

    /// Resumes the waiting task exactly once.
    func finish(_ result: Result<HTTPResponse, ComfyClientError>) {
        guard let continuation else { return }
        self.continuation = nil
        continuation.resume(with: result.mapError { $0 as any Error })
    }

    /// Configures `spare` (a handle reset for reuse) or a new easy handle. Returns nil on success, or the
    /// error to finish with.
    func makeEasyHandle(reusing spare: UnsafeMutableRawPointer? = nil) -> ComfyClientError? {
        guard let easy = spare ?? curl_easy_init() else {
            return .transport(url: displayURL, message: "curl_easy_init failed")
        }
        self.easy = easy
        // curl holds this pointer in WRITEDATA/HEADERDATA until `releaseEasyHandle`, which balances the retain.
        let context = Unmanaged.passRetained(self).toOpaque()
        var failed: CURLcode = CURLE_OK
        func set(_ code: CURLcode) { if code != CURLE_OK && failed == CURLE_OK { failed = code } }

        set(request.url.withCString { chs_easy_setopt_ptr(easy, CURLOPT_URL, $0) })
        set(chs_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(chs_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(chs_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)))
        let connect = min(request.connectTimeout, request.timeout)
        set(chs_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connect)))
        set("http,https".withCString { chs_easy_setopt_ptr(easy, CURLOPT_PROTOCOLS_STR, $0) })
        set("".withCString { chs_easy_setopt_ptr(easy, CURLOPT_ACCEPT_ENCODING, $0) })
        set(chs_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxResponseBytes)))
        if request.insecure {
            set(chs_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0))
            set(chs_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0))
        }
        set(chs_easy_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback))
        set(chs_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, context))
        set(chs_easy_setopt_data_cb(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback))
        set(chs_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, context))
        configureMethodAndBody(easy, set: set)
        configureHeaders(easy, set: set)
        if failed != CURLE_OK {
            return .transport(
                url: displayURL, message: "curl setup failed: \(String(cString: curl_easy_strerror(failed)))")
        }
        return nil
    }

    private func configureMethodAndBody(_ easy: UnsafeMutableRawPointer, set: (CURLcode) -> Void) {
        let method = request.method.uppercased()
        if request.body != nil || method == "POST" || method == "PUT" || method == "PATCH" {
            let bytes = request.body ?? []
            set(chs_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)))
            // COPYPOSTFIELDS copies now; an empty body still needs a non-NULL pointer (NULL means "read stdin").
            if bytes.isEmpty {
                set("".withCString { chs_easy_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, $0) })
            } else {
                set(bytes.withUnsafeBytes { chs_easy_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) })
            }
        }
        if method == "HEAD" {
            set(chs_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if method != "GET" && method != "POST" {
            set(method.withCString { chs_easy_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, $0) })
        }
    }

    private func configureHeaders(_ easy: UnsafeMutableRawPointer, set: (CURLcode) -> Void) {
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers {
            // Header injection guard: a CR/LF in a value would start a new header line.
            let clean = value.filter { !$0.isNewline }
            list = curl_slist_append(list, "\(name): \(clean)")
        }
        // An empty Expect: stops curl's `Expect: 100-continue` on big bodies (a 1 s stall on aiohttp).
        list = curl_slist_append(list, "Expect:")
        headerList = list
        set(chs_easy_setopt_ptr(easy, CURLOPT_HTTPHEADER, list))
    }

    /// Frees the easy handle and header list and drops curl's reference to this object.
    func releaseEasyHandle() {
        if let easy = detachEasyHandle() { curl_easy_cleanup(easy) }
    }

    /// Frees the header list, drops curl's reference to this object and hands the easy handle to the
    /// caller, to clean up or to reset for the next transfer (the handle must no longer be in the multi).
    func detachEasyHandle() -> UnsafeMutableRawPointer? {
        guard let easy else { return nil }
        self.easy = nil
        curl_slist_free_all(headerList)
        headerList = nil
        Unmanaged.passUnretained(self).release()
        return easy
    }

    /// Turns curl's result code into the response or a `ComfyClientError`.
    func result(for code: CURLcode) -> Result<HTTPResponse, ComfyClientError> {
        guard let easy else { return .failure(.transport(url: displayURL, message: "no handle")) }
        if code == CURLE_OK {
            var status = 0
            _ = chs_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            var micros: curl_off_t = 0
            _ = chs_easy_getinfo_off(easy, CURLINFO_TOTAL_TIME_T, &micros)
            return .success(
                HTTPResponse(status: status, rawHeaders: headerBytes, body: body, totalTime: .microseconds(micros))
            )
        }
        var connectMicros: curl_off_t = 0
        _ = chs_easy_getinfo_off(easy, CURLINFO_CONNECT_TIME_T, &connectMicros)
        var osErrno = 0
        _ = chs_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
        return .failure(
            CurlErrorMapping.error(
                code: code,
                detail: String(cString: errorBuffer),
                request: request,
                url: displayURL,
                exceededLimit: exceededLimit,
                connected: connectMicros > 0,
                osErrno: Int32(truncatingIfNeeded: osErrno)
            )
        )
    }

    var displayURL: String { URLRedaction.redact(request.url) }

    // MARK: callbacks (curl thread)

    fileprivate func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard body.count + chunk.count <= request.maxResponseBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }

    /// One raw header line from curl, kept as bytes (`HTTPResponse.headers` parses them when asked).
    fileprivate func headerLine(_ bytes: UnsafeRawBufferPointer) {
        if bytes.starts(with: "HTTP/".utf8) {
            headerBytes.removeAll(keepingCapacity: true)  // a new response (after 100 Continue or a redirect) starts over
            return
        }
        headerBytes.append(contentsOf: bytes)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// CURLOPT_WRITEFUNCTION: appends body bytes; returning less than given aborts the transfer (size limit).
private let curlWriteCallback: chs_data_cb = { pointer, size, count, context in
    guard let context else { return 0 }
    let total = size * count
    guard let pointer, total > 0 else { return total }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.append(UnsafeRawBufferPointer(start: pointer, count: total)) ? total : 0
}

/// CURLOPT_HEADERFUNCTION: one complete header line per call.
private let curlHeaderCallback: chs_data_cb = { pointer, size, count, context in
    let total = size * count
    guard let context, let pointer else { return total }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: pointer, count: total)
    transfer.headerLine(bytes)
    return total
}
