import Foundation
import Testing

@testable import ComfyClient

@Suite struct ServerEndpointTests {
    @Test func buildsURLsAndWebSocketURLs() throws {
        let plain = try ServerEndpoint(url: " http://127.0.0.1:8188/ ")
        #expect(plain.baseURL == "http://127.0.0.1:8188")
        #expect(plain.url("/history/a b", query: []) == "http://127.0.0.1:8188/history/a b")
        #expect(
            plain.url("view", query: [("filename", "a&b=c.png"), ("subfolder", "x/y")])
                == "http://127.0.0.1:8188/view?filename=a%26b%3Dc.png&subfolder=x%2Fy")
        #expect(plain.webSocketURL(clientID: "harness 1") == "ws://127.0.0.1:8188/ws?clientId=harness%201")
        let proxied = try ServerEndpoint(url: "HTTPS://gpu-box.example/comfy")
        #expect(proxied.webSocketURL(clientID: "c") == "wss://gpu-box.example/comfy/ws?clientId=c")
        #expect(proxied.url("/prompt") == "HTTPS://gpu-box.example/comfy/prompt")
    }

    @Test(arguments: [
        ("ftp://host", "scheme 'ftp' is not supported"),
        ("ws://127.0.0.1:8188", "scheme 'ws' is not supported"),
        ("127.0.0.1:8188", "the scheme is missing; use http://127.0.0.1:8188"),
        ("http://", "has no host"),
        ("http://h/?a=1", "no query"),
        ("", "not a URL"),
    ])
    func rejectsBadURLsNamingTheValue(url: String, reason: String) {
        #expect {
            try ServerEndpoint(url: url)
        } throws: { error in
            let text = "\(error)"
            return text.contains("'\(url.trimmingCharacters(in: .whitespaces))'") && text.contains(reason)
        }
    }

    @Test("header names with a colon, a space or a line break (CR LF included) are refused")
    func rejectsBadHeaderNames() throws {
        for name in ["X-A:b", "X A", "X-A\r\nX-B", "X-A\n", ""] {
            #expect(throws: ComfyClientError.self, "\(name.debugDescription)") {
                try ServerEndpoint(url: "http://127.0.0.1:8188", extraHeaders: [name: "v"])
            }
        }
        #expect(try ServerEndpoint(url: "http://127.0.0.1:8188", extraHeaders: ["X-Team": "a b"]).extraHeaders.count == 1)
    }

    @Test func secretsNeverShowInDescriptions() throws {
        let endpoint = try ServerEndpoint(
            url: "https://user:pa55word@gpu-box:8443", authorization: "Bearer abcd-1234", insecure: true,
            extraHeaders: ["X-Team": "ml"]
        )
        for text in [
            "\(endpoint)", String(reflecting: endpoint),
            "\(ComfyClientError.connectionRefused(url: URLRedaction.redact(endpoint.url("/x"))))",
        ] {
            #expect(!text.contains("abcd-1234") && !text.contains("pa55word"), "\(text)")
        }
        #expect("\(endpoint)" == "https://<redacted>@gpu-box:8443 (authorization: <redacted>) (insecure TLS)")
        #expect(endpoint.requestHeaders.map(\.0) == ["X-Team", "Authorization"])
        #expect(endpoint.redactingSecrets(in: "echo: Bearer abcd-1234 / abcd-1234") == "echo: <redacted> / <redacted>")
        #expect {
            try ServerEndpoint(url: "ftp://user:pa55word@h")
        } throws: { !"\($0)".contains("pa55word") }
    }

    @Test func authorizationOverridesAnExtraAuthorizationHeader() throws {
        let endpoint = try ServerEndpoint(
            url: "http://h", authorization: "Bearer a", extraHeaders: ["authorization": "Basic b"])
        #expect(endpoint.requestHeaders.filter { $0.0.lowercased() == "authorization" }.map(\.1) == ["Bearer a"])
    }
}

@Suite struct ReconnectPolicyTests {
    @Test func backsOffExponentiallyUpToTheCapThenGivesUp() {
        let policy = ReconnectPolicy(
            initialDelay: .milliseconds(100), maxDelay: .seconds(1), multiplier: 2, jitter: 0, maxConsecutiveFailures: 6
        )
        let delays = (1...7).map { policy.delay(afterFailures: $0, unitRandom: 0.5) }
        #expect(
            delays == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
                .seconds(1), nil,
            ])
        #expect(ReconnectPolicy.never.delay(afterFailures: 1, unitRandom: 0) == nil)
        #expect(ReconnectPolicy(maxConsecutiveFailures: nil).delay(afterFailures: 10_000, unitRandom: 0) == .seconds(8))
    }

    @Test func jitterSpreadsAroundTheBase() {
        let policy = ReconnectPolicy(initialDelay: .seconds(1), jitter: 0.2)
        #expect(policy.delay(afterFailures: 1, unitRandom: 0) == .milliseconds(800))
        #expect(policy.delay(afterFailures: 1, unitRandom: 0.5) == .seconds(1))
        let top = policy.delay(afterFailures: 1, unitRandom: 0.999_999_999) ?? .zero
        #expect(top > .milliseconds(1199) && top <= .milliseconds(1200))
    }
}
