import ComfyClient
import Foundation
import Testing

@testable import Harness

/// The `http:` section: timeouts, the reply cap and the retry policy, with their mistakes at file:line:col.
@Suite("HTTP section")
struct HTTPSectionTests {
    let folder: ScenarioTempFolder

    init() throws {
        folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
    }

    static let head = """
        version: 1
        workflows:
          sd15: {file: workflows/sd15.json}
        load: {concurrency: 1, requests: 1}

        """

    @Test func defaultsKeepSubmitsSingleAndRetryGets() throws {
        let scenario = try folder.load(Self.head)
        #expect(scenario.http == HTTPSpec())
        #expect(scenario.http.retry.submitRetries == 0)
        #expect(scenario.http.retry.getRetries == 2)
        #expect(scenario.http.retry.backoff == .milliseconds(250))
        #expect(scenario.http.timeout == .seconds(30))
        #expect(scenario.http.maxReplyBytes == 64 << 20)
        #expect(scenario.warnings.isEmpty)
    }

    @Test func everyKeyIsRead() throws {
        let scenario = try folder.load(
            Self.head + """
                http:
                  timeout: 5s
                  download_timeout: 1m
                  max_reply: 2MiB
                  retries: {get: 4, backoff: 100ms}
                """)
        #expect(scenario.http.timeout == .seconds(5))
        #expect(scenario.http.downloadTimeout == .seconds(60))
        #expect(scenario.http.maxReplyBytes == 2 << 20)
        #expect(scenario.http.retry == RetryPolicy(submitRetries: 0, getRetries: 4, backoff: .milliseconds(100)))
        #expect(ScenarioSnapshot(scenario).http?.getRetries == 4)
    }

    @Test func retryingSubmitsIsAllowedWithAWarning() throws {
        let scenario = try folder.load(Self.head + "http: {retries: {submit: 1}}")
        #expect(scenario.http.retry.submitRetries == 1)
        let warning = try #require(scenario.warnings.first)
        #expect(warning.message.contains("queue a prompt twice"))
        #expect(warning.location.line == 5)
    }

    @Test func mistakesArePointedAt() throws {
        let diagnostics = try folder.diagnostics(
            Self.head + """
                http:
                  timout: 5s
                  download_timeout: never
                  max_reply: 1KiB
                  retries:
                    submit: -1
                    get: 11
                    backoff: 2m
                    jitter: 0.1
                """)
        #expect(
            folder.positions(diagnostics) == ["6:3", "7:21", "8:14", "10:13", "11:10", "12:14", "13:5"],
            "\(diagnostics.map(\.message))")
        #expect(diagnostics[0].message == "unknown key 'timout' in http")
        #expect(diagnostics[0].hint?.contains("timeout") == true)
        #expect(diagnostics[2].message.contains("max_reply must be between 64KiB and 1TiB"))
        #expect(diagnostics[3].message == "retries submit must be at least 0, found -1")
        #expect(diagnostics[4].message == "retries get must be at most 10, found 11")
        #expect(diagnostics[5].message.contains("backoff must be at most 60s"))
        #expect(diagnostics[6].message == "unknown key 'jitter' in http retries")
        #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("scenario.yaml") })
    }

    @Test func aScalarIsNotASection() throws {
        let diagnostics = try folder.diagnostics(Self.head + "http: 30s")
        #expect(diagnostics.first?.message == "expected a mapping for http, found the string '30s'")
    }
}
