/// A reply as ComfyUI's aiohttp handlers produce it, independent of the HTTP server library.
struct SimResponse: Sendable {
    var status: Int
    var contentType: String?
    var body: [UInt8]
    var headers: [(name: String, value: String)] = []

    static let jsonType = "application/json; charset=utf-8"

    static func json(_ value: SimJSON, status: Int = 200) -> SimResponse {
        SimResponse(status: status, contentType: jsonType, body: value.serializedBytes())
    }

    /// 200 with no body and no content type (`web.Response(status=200)`).
    static let emptyOK = SimResponse(status: 200, contentType: nil, body: [])

    static func empty(_ status: Int) -> SimResponse { SimResponse(status: status, contentType: nil, body: []) }

    /// aiohttp's answer to an unhandled exception in a handler.
    static let serverError = SimResponse(
        status: 500, contentType: "text/plain; charset=utf-8",
        body: Array("500 Internal Server Error\n\nServer got itself in trouble".utf8))

    /// A plain-text status page, as a reverse proxy in front of ComfyUI would send (fault injection).
    static func plain(_ status: Int, _ text: String) -> SimResponse {
        SimResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }
}
