import Testing

@testable import Harness

@Suite("Secrets stay out of reports")
struct SecretRedactorTests {
    @Test("argv values after secret flags and in --flag=value form are redacted")
    func argv() {
        let redacted = SecretRedactor.redact(argv: ["comfy-harness", "run", "--token", "s3cret", "--header=Authorization: Bearer s3cret", "x.yaml"])
        #expect(!redacted.joined(separator: " ").contains("s3cret"))
        #expect(redacted.contains("x.yaml"))
    }

    @Test("URL userinfo is removed, the rest kept")
    func urlUserinfo() {
        #expect(SecretRedactor.redactURL("https://alice:pw@gpu-box:8188/x") == "https://<redacted>@gpu-box:8188/x")
        #expect(SecretRedactor.redactURL("http://gpu-box:8188/a@b") == "http://gpu-box:8188/a@b")
    }

    @Test("output paths are built from safe components only")
    func outputPaths() {
        let hostile = OutputStore.safeComponent("../../etc/passwd")
        #expect(!hostile.contains("/") && !hostile.hasPrefix("."))
        #expect(OutputStore.safeComponent("txt2img") == "txt2img")
        #expect(!OutputStore.path(workflow: "/abs", seed: 1, index: 0, under: "out").contains("//"))
    }
}
