/// Settings for `ImageComparator`: the pixelmatch threshold and how many changed regions to list.
public struct CompareOptions: Sendable, Codable, Equatable {
    /// pixelmatch threshold in 0...1: a pixel differs when its YIQ delta exceeds `35215 * threshold²`
    /// (0.1, the default, is about 26 grey levels).
    public var threshold: Double
    /// At most this many changed regions are listed (largest first); `changedRegionCount` has the total.
    public var maxRegions: Int

    public init(threshold: Double = 0.1, maxRegions: Int = 16) {
        self.threshold = threshold
        self.maxRegions = maxRegions
    }

    public static let `default` = CompareOptions()

    /// The largest YIQ delta still counted as equal.
    var maxDelta: Double { 35215 * threshold * threshold }
}
