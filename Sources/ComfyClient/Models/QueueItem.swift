/// One queue entry, the heterogeneous array `[number, prompt_id, prompt, extra_data, outputs_to_execute]`.
public struct QueueItem: Sendable, Hashable, Decodable {
    public var number: Double
    public var promptID: String
    public var prompt: JSONValue
    public var extraData: JSONValue
    public var outputsToExecute: [String]

    public init(from decoder: any Decoder) throws {
        var tuple = try decoder.unkeyedContainer()
        number = try tuple.decode(Double.self)
        promptID = try tuple.decode(String.self)
        prompt = try tuple.decode(JSONValue.self)
        extraData = try tuple.decode(JSONValue.self)
        outputsToExecute = try tuple.decode([String].self)
        // Newer servers may append elements; they are ignored.
    }

    public var clientID: String? { extraData["client_id"]?.stringValue }
    public var createTime: Int64? { extraData["create_time"]?.intValue.map(Int64.init) }
}
