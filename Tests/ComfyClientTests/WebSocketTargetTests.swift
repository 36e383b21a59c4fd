import Testing

@testable import ComfyClient

@Suite("Where a /ws URL points")
struct WebSocketTargetTests {
    @Test("host, port, TLS and the upgrade's request target; credentials dropped")
    func parts() throws {
        let plain = try #require(WebSocketTarget(url: "ws://127.0.0.1:8188/ws?clientId=a"))
        #expect(plain == WebSocketTarget(host: "127.0.0.1", port: 8188, tls: false, requestURI: "/ws?clientId=a"))
        let behindProxy = try #require(WebSocketTarget(url: "wss://user:pw@gpu-box/comfy/ws?clientId=x"))
        #expect(behindProxy == WebSocketTarget(host: "gpu-box", port: 443, tls: true, requestURI: "/comfy/ws?clientId=x"))
        let ipv6 = try #require(WebSocketTarget(url: "ws://[::1]:9000/ws"))
        #expect(ipv6 == WebSocketTarget(host: "::1", port: 9000, tls: false, requestURI: "/ws"))
        #expect(WebSocketTarget(url: "ws://host")?.requestURI == "/")
    }

    @Test("not ws/wss, no host or a bad port: nil", arguments: ["http://x/ws", "ws:///ws", "ws://host:99999/ws", "ws://host:x/ws", "ws://[::1/ws"])
    func rejected(url: String) {
        #expect(WebSocketTarget(url: url) == nil)
    }
}
