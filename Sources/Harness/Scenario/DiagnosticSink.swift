/// Collects the diagnostics of one load, so every problem is reported at once instead of the first.
///
/// A class because every reader appends to the same list; it never leaves the loading call.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        add(.error(message, at: location, hint: hint))
    }

    func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        add(.warning(message, at: location, hint: hint))
    }

    var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    var errorCount: Int { diagnostics.count(where: \.isError) }
    var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}
