import Testing

@testable import Harness

@Suite struct PromptIdentifierTests {
    @Test func idsAreLowerCaseVersion4UUIDs() throws {
        let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        for _ in 0..<200 {
            let id = PromptIdentifier.make()
            #expect(id.wholeMatch(of: pattern) != nil, "\(id) is not a lower-case version-4 UUID")
        }
    }

    @Test func idsDoNotRepeat() {
        let ids = Set((0..<10_000).map { _ in PromptIdentifier.make() })
        #expect(ids.count == 10_000)
    }
}
