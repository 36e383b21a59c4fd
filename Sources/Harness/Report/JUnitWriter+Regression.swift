import ComfyImage

extension JUnitWriter {
    /// One test case per workflow × seed × image of the regression pass, in suite `regression.<workflow>`.
    static func regressionCases(_ report: RunReport) -> [(suite: String, name: String, failure: String?)] {
        guard let summary = report.regression else { return [] }
        var cases: [(suite: String, name: String, failure: String?)] = []
        for workflow in summary.workflows {
            for seed in workflow.seeds {
                for image in seed.images {
                    let name = "seed \(seed.seed.map(String.init) ?? "-") image \(image.index): \(image.verdict.rawValue)"
                    var failure: String?
                    if image.fails {
                        failure = ([image.verdict.rawValue + (image.composition.map { " (\($0.rawValue))" } ?? "")]
                            + image.reasons + (image.diff.map { ["diff picture: \($0)"] } ?? [])).joined(separator: "\n")
                    }
                    cases.append(("regression." + workflow.workflow, name, failure))
                }
            }
        }
        return cases
    }
}
