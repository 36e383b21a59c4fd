extension Tolerance {
    /// A key that matches whatever spelling the file used.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let spellings: [(camel: String, snake: String)] = [
        ("exact", "exact"), ("psnrMin", "psnr_min"), ("ssimMin", "ssim_min"),
        ("worstTileSSIMMin", "worst_tile_ssim_min"),
        ("changedTileRatioMax", "changed_tile_ratio_max"),
        ("hashDistanceSameComposition", "hash_distance_same_composition"),
        ("compositionSSIMMin", "composition_ssim_min"),
    ]

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            guard let preset = Tolerance.named(name) else {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "unknown tolerance \"\(name)\" (use identical, equivalent or limits)")
            }
            self = preset
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        let known = Set(Self.spellings.flatMap { [$0.camel, $0.snake] })
        if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(
                forKey: unknown, in: container,
                debugDescription: "unknown tolerance key \"\(unknown.stringValue)\" (known: psnr_min, ssim_min, "
                    + "worst_tile_ssim_min, changed_tile_ratio_max, hash_distance_same_composition, exact)")
        }
        func value<T: Decodable>(_ index: Int, _ type: T.Type) throws -> T? {
            let names = Self.spellings[index]
            return try container.decodeIfPresent(type, forKey: Key(names.snake))
                ?? container.decodeIfPresent(type, forKey: Key(names.camel))
        }
        let defaults = Tolerance.equivalent
        self.init(
            exact: try value(0, Bool.self) ?? defaults.exact, psnrMin: try value(1, Double.self) ?? defaults.psnrMin,
            ssimMin: try value(2, Double.self) ?? defaults.ssimMin,
            worstTileSSIMMin: try value(3, Double.self) ?? defaults.worstTileSSIMMin,
            changedTileRatioMax: try value(4, Double.self) ?? defaults.changedTileRatioMax,
            hashDistanceSameComposition: try value(5, Int.self) ?? defaults.hashDistanceSameComposition,
            compositionSSIMMin: try value(6, Double.self) ?? defaults.compositionSSIMMin)
    }

    /// Always the full object, snake_case like the scenario files.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(exact, forKey: Key("exact"))
        try container.encode(psnrMin, forKey: Key("psnr_min"))
        try container.encode(ssimMin, forKey: Key("ssim_min"))
        try container.encode(worstTileSSIMMin, forKey: Key("worst_tile_ssim_min"))
        try container.encode(changedTileRatioMax, forKey: Key("changed_tile_ratio_max"))
        try container.encode(hashDistanceSameComposition, forKey: Key("hash_distance_same_composition"))
        try container.encode(compositionSSIMMin, forKey: Key("composition_ssim_min"))
    }
}
