/// Ordering for ComfyUI node ids: numeric ids by value ("2" < "10"), others after, as text.
enum NodeID {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (Int(lhs), Int(rhs)) {
        case let (left?, right?): return left < right
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return lhs < rhs
        }
    }
}
