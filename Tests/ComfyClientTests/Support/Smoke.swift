import Testing
@testable import ComfyClient

@Test func smoke() async throws {
    let server = try await TestHTTPServer.start { _ in .respond(status: 200, body: Array("hi".utf8)) }
    let response = try await HTTPTransport.shared.send(HTTPRequest(url: server.baseURL + "/x"))
    #expect(response.status == 200)
    #expect(response.text == "hi")
    try await server.shutdown()
}
