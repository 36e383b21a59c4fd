@testable import ComfyClient

/// Turns a recorded exchange (`{status, content_type, body}`) into a loopback server reply with the same bytes.
enum FixtureReplay {
    static func reply(_ exchange: JSONValue?) -> TestHTTPServer.Reply {
        guard let exchange, let status = exchange["status"]?.intValue else {
            return .respond(status: 599, body: Array("no such fixture exchange".utf8))
        }
        var headers: [(String, String)] = []
        if let type = exchange["content_type"]?.stringValue { headers.append(("Content-Type", type)) }
        let body = exchange["body"]?.isNull == false ? Fixtures.bodyBytes(exchange) : []
        // aiohttp closes the connection after a 500.
        return .respond(status: status, headers: headers, body: body, close: status == 500)
    }

    static func json(_ value: JSONValue) -> TestHTTPServer.Reply {
        .respond(status: 200, headers: [("Content-Type", "application/json")], body: [UInt8](value.serialized()))
    }
}
