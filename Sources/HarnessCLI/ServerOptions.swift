import ArgumentParser
import Foundation
import Harness

/// How to reach a server: auth and TLS options shared by every command that talks to one.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("auth-env"), help: "Read the Authorization header value from this environment variable.")
    var authEnv: String?

    @Option(name: .customLong("auth-file"), help: "Read the Authorization header value from this file (first line).")
    var authFile: String?

    @Flag(help: "Do not verify TLS certificates (recorded in the report).")
    var insecure = false

    /// The Authorization header value, or nil. Never printed.
    func authorization() throws -> String? {
        if let name = authEnv {
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw HarnessError.usage(message: "--auth-env \(name): the variable is not set or empty", hint: "export it before running")
            }
            return value
        }
        if let path = authFile {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw HarnessError.usage(message: "--auth-file \(path): cannot read the file", hint: "check the path and its permissions")
            }
            let value = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !value.isEmpty else {
                throw HarnessError.usage(message: "--auth-file \(path): the file is empty", hint: "put the header value (e.g. `Bearer …`) on its first line")
            }
            return value
        }
        return nil
    }

    /// The run options every command that drives a server starts from: servers (nil keeps the
    /// scenario's), auth, TLS, preflight and the report folder.
    func runOptions(servers: [String], output: String? = nil, preflight: Bool) throws -> RunOptions {
        var options = RunOptions()
        options.outputDirectory = output
        options.servers = servers.isEmpty ? nil : servers
        options.authorization = try authorization()
        options.insecure = insecure
        options.preflight = preflight
        return options
    }
}
