import Testing

/// Parent of the regression suites: serialized, because each test runs one or two simulators and
/// decodes images, and running them all at once starves the timing-sensitive simulator tests that
/// share the machine's two cores.
@Suite(.serialized) enum RegressionSuites {}
