import ArgumentParser
import Foundation
import Harness

/// Turns any error into one actionable line on stderr and the documented exit code, never a stack trace.
enum CommandFailure {
    static func exit(for error: any Error) -> ExitCode {
        switch error {
        case let error as ExitCode:
            return error
        case let error as ScenarioError:
            printError(error.description)
            return ExitCode(64)
        case let error as HarnessError:
            printError("error: \(error.description)")
            return ExitCode(error.exitCode)
        default:
            printError("error: \(error)")
            return ExitCode(1)
        }
    }

    static func printError(_ text: String) {
        Console.error(text)
    }
}
