import Foundation
import Testing

@_spi(Testing) @testable import ComfyClient

/// The fast path for flat messages gives exactly the general decoder's event, and steps aside for
/// anything it does not read exactly.
@Suite struct FlatEventDecoderTests {
    static let flatTypes: Set<String> = [
        "executing", "progress", "execution_start", "execution_success", "execution_cached", "status",
    ]

    /// Both decoders on `text`: the fast path's event (nil when it steps aside) and the general one's.
    static func both(_ text: String) -> (fast: ComfyEvent?, general: ComfyEvent?) {
        var text = text
        return text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return (ComfyEventDecoder.decodeFlat(utf8: bytes), try? ComfyEventDecoder.decodeGeneral(utf8: bytes))
        }
    }

    @Test func everyRecordedFlatMessageTakesTheFastPathWithTheSameEvent() throws {
        var fastCount = 0
        for file in try Fixtures.allFiles() {
            for (index, message) in try Fixtures.webSocketMessages(file).enumerated() {
                guard let raw = message["text"], let type = raw["type"]?.stringValue else { continue }
                let compact = String(decoding: raw.serialized(), as: UTF8.self)
                // ComfyUI writes with Python's separators and "type" first; the writer sorts and packs.
                let spaced = "{\"type\": \"\(type)\", \"data\": "
                    + String(decoding: (raw["data"] ?? .null).serialized(), as: UTF8.self)
                        .replacingOccurrences(of: "\",\"", with: "\", \"").replacingOccurrences(of: "\":", with: "\": ")
                    + "}"
                for text in [compact, spaced] {
                    let (fast, general) = Self.both(text)
                    #expect(general != nil, "\(file) ws[\(index)]: \(text)")
                    if Self.flatTypes.contains(type) {
                        #expect(fast != nil, "\(file) ws[\(index)]: the fast path stepped aside on \(text)")
                    }
                    if let fast {
                        fastCount += 1
                        #expect(fast == general, "\(file) ws[\(index)]: \(text)")
                    }
                }
            }
        }
        #expect(fastCount > 50)
    }

    @Test(arguments: [
        // Shapes the fast path reads, with edge values.
        #"{"type":"executing","data":{"node":null,"prompt_id":"p"}}"#,
        #"{"type":"executing","data":{}}"#,
        #"{"type":"executing","data":{"node":"12","display_node":"7","prompt_id":"p"}}"#,
        #"{"type":"progress","data":{"value":2,"max":4,"prompt_id":"p","node":"12"}}"#,
        #"  {"data" : {"node" : "3" , "display_node":"3"} , "type" : "executing"}  "#,
        #"{"type":"progress","data":{"value":1.5,"max":4e0,"prompt_id":null,"node":"3"}}"#,
        #"{"type":"progress","data":{"value":-0,"max":01}}"#,
        #"{"type":"execution_start","data":{"prompt_id":"p","timestamp":1.0e3}}"#,
        #"{"type":"execution_success","data":{"prompt_id":"p","timestamp":-17}}"#,
        #"{"type":"execution_cached","data":{"prompt_id":"p","timestamp":5,"nodes":["1", "2"]}}"#,
        #"{"type":"execution_cached","data":{"prompt_id":"p","timestamp":5,"nodes":null}}"#,
        #"{"type":"executing","data":{"prompt_id":"ünïcode ✓"}}"#,
        #"{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 3}}, "sid": "abc"}}"#,
        #"{"type":"status","data":{"sid":null,"status":{ "exec_info" : { "queue_remaining" : 0 } }}}"#,
        #"{"type":"status","data":{"status":{"exec_info":{"queue_remaining":2.0}}}}"#,
    ])
    func readShapesGiveTheGeneralEvent(_ text: String) {
        let (fast, general) = Self.both(text)
        #expect(fast != nil, "the fast path stepped aside on \(text)")
        #expect(fast == general)
    }

    @Test(arguments: [
        // Anything else goes to the general decoder (which decodes it, or names the problem).
        #"{"type":"executing","data":{"node":1}}"#,
        #"{"type":"executing","data":{"node":"a\"b"}}"#,
        #"{"type":"executing","data":{"node":"3","node":"4"}}"#,
        #"{"type":"executing","type":"progress","data":{}}"#,
        #"{"type":"executing","data":{"node":"3"}} x"#,
        #"{"type":"executing","data":{"node":"3"},"extra":1}"#,
        #"{"type":"executing","data":{"node":"3","sid":"s"}}"#,
        #"{"type":"executing"}"#,
        #"{"type":"status","data":{"status":{"exec_info":{"queue_remaining":1,"x":2}}}}"#,
        #"{"type":"status","data":{"status":{"exec_info":{"queue_remaining":1.5}}}}"#,
        #"{"type":"status","data":{"status":{"exec_info":{"queue_remaining":"1"}}}}"#,
        #"{"type":"status","data":{"status":{"exec_info":{}}}}"#,
        #"{"type":"status","data":{"status":{"exec_info":{"queue_remaining":1}},"prompt_id":"p"}}"#,
        #"{"type":"status","data":{"sid":"s"}}"#,
        #"{"type":"executing","data":{"node":"3","status":{"exec_info":{"queue_remaining":1}}}}"#,
        #"{"type":"progress","data":{"value":"1","max":4}}"#,
        #"{"type":"progress","data":{"value":1e400,"max":4}}"#,
        #"{"type":"execution_start","data":{"prompt_id":"p","timestamp":99999999999999999999}}"#,
        #"{"type":"execution_start","data":{"prompt_id":"p","timestamp":1.5}}"#,
        #"{"type":"execution_start","data":{"prompt_id":null,"timestamp":1}}"#,
        #"{"type":"execution_cached","data":{"prompt_id":"p","timestamp":5,"nodes":[1]}}"#,
        #"{"type":"executing","data":{"node":"3"}"#,
        #"{"type":"executing","data":{"node":"3",}}"#,
        "{\"type\":\"executing\",\"data\":{\"node\":\"a\u{01}\"}}",
        #"{"type":"progress","data":{"value":-,"max":4}}"#,
    ])
    func otherShapesStepAside(_ text: String) {
        #expect(Self.both(text).fast == nil, "the fast path read \(text)")
    }
}
