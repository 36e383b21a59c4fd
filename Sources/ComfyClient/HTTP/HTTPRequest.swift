import Foundation

/// One HTTP request for `HTTPTransport`: method, absolute URL, headers, optional body, limits.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Header name/value pairs, sent in order (names keep their case).
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// Whole-transfer timeout (connect + send + receive), enforced by curl.
    public var timeout: Duration
    /// Connect timeout; the smaller of this and `timeout` applies.
    public var connectTimeout: Duration
    /// Skip TLS certificate and host name verification.
    public var insecure: Bool
    /// Abort the transfer and throw `.responseTooLarge` once the body would exceed this many bytes.
    public var maxResponseBytes: Int

    public init(
        method: String = "GET",
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10),
        insecure: Bool = false,
        maxResponseBytes: Int = 64 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.insecure = insecure
        self.maxResponseBytes = maxResponseBytes
    }
}

/// A complete HTTP response as curl received it.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// The header lines as received (`name: value`, CRLF-terminated), kept raw: the driver reads no
    /// header on its hot path, and parsing them into a dictionary per reply cost about 2% of its CPU.
    public var rawHeaders: [UInt8]
    public var body: [UInt8]
    /// curl's total time for the transfer (queueing in curl included, Swift scheduling excluded).
    public var totalTime: Duration

    public init(status: Int, rawHeaders: [UInt8], body: [UInt8], totalTime: Duration) {
        self.status = status
        self.rawHeaders = rawHeaders
        self.body = body
        self.totalTime = totalTime
    }

    /// Header values by lowercased name (a repeated header keeps its last value), parsed on each call.
    public var headers: [String: String] {
        var headers: [String: String] = [:]
        for line in rawHeaders.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            headers[name.lowercased()] = String(decoding: line[(colon + 1)...], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return headers
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}
