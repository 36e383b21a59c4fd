import Testing

@testable import ComfyClient

@Suite("Reading a frame's type without parsing it")
struct LeadingTypeTests {
    @Test("ComfyUI's and compact spellings give the type; anything else gives nil (and is parsed in full)")
    func leadingType() {
        #expect(EventFrameDecoding.leadingType(of: #"{"type": "progress_state", "data": {"nodes": {}}}"#) == "progress_state")
        #expect(EventFrameDecoding.leadingType(of: #"{"type":"status","data":{}}"#) == "status")
        #expect(EventFrameDecoding.leadingType(of: #"{"data": {}, "type": "progress_state"}"#) == nil)
        #expect(EventFrameDecoding.leadingType(of: #"{"type": 5}"#) == nil)
        #expect(EventFrameDecoding.leadingType(of: #"{"type": "a\"b"}"#) == nil)
        #expect(EventFrameDecoding.leadingType(of: "") == nil)
    }
}
