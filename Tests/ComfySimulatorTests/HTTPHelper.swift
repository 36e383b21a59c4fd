import Foundation

@testable import ComfySimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A reply as the tests see it.
struct HTTPReply: Sendable {
    let status: Int
    let contentType: String?
    let body: [UInt8]

    var json: SimJSON? { try? SimJSON.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Minimal loopback HTTP client over URLSession (tests must not depend on ComfyClient).
struct HTTPHelper: Sendable {
    let baseURL: String

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    func get(_ path: String) async throws -> HTTPReply {
        try await send("GET", path, body: nil)
    }

    func post(_ path: String, json: SimJSON) async throws -> HTTPReply {
        try await send("POST", path, body: json.serializedBytes())
    }

    func post(_ path: String, raw: String) async throws -> HTTPReply {
        try await send("POST", path, body: Array(raw.utf8))
    }

    func send(_ method: String, _ path: String, body: [UInt8]?, contentType: String? = "application/json")
        async throws -> HTTPReply
    {
        guard let url = URL(string: baseURL + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body)
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        }
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            Self.session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
        let http = response as? HTTPURLResponse
        return HTTPReply(
            status: http?.statusCode ?? 0, contentType: http?.value(forHTTPHeaderField: "Content-Type"),
            body: [UInt8](data))
    }

    /// A multipart upload to `/upload/image`.
    func upload(name: String, bytes: [UInt8], type: String = "input") async throws -> HTTPReply {
        let boundary = "simboundary\(UInt32.random(in: 0...UInt32.max))"
        var body: [UInt8] = []
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(name)\"\r\nContent-Type: image/png\r\n\r\n"
                .utf8)
        body += bytes
        body += Array(
            "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n\(type)\r\n--\(boundary)--\r\n"
                .utf8)
        return try await send(
            "POST", "/upload/image", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }
}
