import Foundation

/// Validates JSON files against `schemas/run.schema.json` with Python's `jsonschema` (Draft 2020-12).
/// `make test` installs the package when it is missing.
enum SchemaValidator {
    static var schemaPath: String { HarnessBinary.packageRoot + "/schemas/run.schema.json" }

    /// nil when the file validates; otherwise the validator's message (or why it could not run).
    static func errors(validating path: String) async throws -> String? {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("python3 cannot import jsonschema: run `make test-deps` (pip install jsonschema or apt install python3-jsonschema)")
                sys.exit(2)
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))), key=str)
            for error in errors:
                print("/".join(map(str, error.absolute_path)) + ": " + error.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaPath, path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        // Read on a thread of its own: blocking the cooperative pool (2 threads here) would starve
        // the in-process simulators other tests run at the same time.
        let data = await HarnessBinary.drain(out.fileHandleForReading)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        // Returns at once now, and drops the run loop source that Foundation's Process keeps (with
        // the process) until waitUntilExit: without it every Process stays alive in a cycle (an LSan leak).
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: data, as: UTF8.self)
    }
}
