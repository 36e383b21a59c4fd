/// The comparison operator of a threshold.
public enum Comparison: String, Sendable, Equatable, CaseIterable {
    case lessThan = "<"
    case lessOrEqual = "<="
    case greaterThan = ">"
    case greaterOrEqual = ">="
    case equal = "=="

    /// `lhs <op> rhs`.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .lessThan: return lhs < rhs
        case .lessOrEqual: return lhs <= rhs
        case .greaterThan: return lhs > rhs
        case .greaterOrEqual: return lhs >= rhs
        case .equal: return lhs == rhs
        }
    }
}
