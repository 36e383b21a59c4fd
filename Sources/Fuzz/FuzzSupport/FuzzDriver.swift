import Foundation

/// The entry point shared by the `fuzz-*` executables: libFuzzer in a fuzz build, a replayer otherwise.
///
/// A fuzz build (`make fuzz`, which passes `-sanitize=fuzzer,address -DFUZZING`) hands the target to
/// libFuzzer through `LLVMFuzzerRunDriver`, so the executable keeps its own `main` and SwiftPM's normal
/// link (which aliases `main` to the module's entry point) works unchanged. Any other build runs each
/// file or directory given on the command line through the same target once: that reproduces a
/// crash file with a plain `swift run fuzz-png crash-…`, and keeps the targets compiling in CI.
public enum FuzzDriver {
    /// Runs `target` under libFuzzer, or over the files named in the arguments; never returns.
    public static func run(_ target: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) -> Never {
        #if FUZZING
            FuzzTarget.current = target
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                FuzzTarget.current?(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            })
        #else
            exit(replay(arguments: Array(CommandLine.arguments.dropFirst()), target: target))
        #endif
    }

    /// Runs every file (directories: every file inside, sorted) through `target`; the exit status.
    static func replay(arguments: [String], target: (UnsafeRawBufferPointer) -> Void) -> Int32 {
        let name = (CommandLine.arguments.first as NSString?)?.lastPathComponent ?? "fuzz target"
        guard !arguments.isEmpty, !arguments.contains(where: { $0.hasPrefix("-") }) else {
            FileHandle.standardError.write(
                Data(
                    """
                    usage: \(name) <file or directory>...
                    This build replays inputs without fuzzing. To fuzz, build with libFuzzer:
                      make fuzz-one TARGET=\(name.replacingOccurrences(of: "fuzz-", with: ""))

                    """.utf8))
            return 2
        }
        var count = 0
        for path in arguments {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(name): cannot read '\(file)'\n".utf8))
                    return 1
                }
                data.withUnsafeBytes { target($0) }
                count += 1
            }
        }
        print("\(name): \(count) input(s) ran without a crash")
        return 0
    }

    /// `path` itself, or the regular files directly inside it when it is a directory.
    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: path)
        else { return [path] }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}

#if FUZZING
    /// libFuzzer's callback is a C function pointer and cannot capture: the target waits here.
    enum FuzzTarget {
        nonisolated(unsafe) static var current: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    }

    /// libFuzzer's driver, for executables that keep their own `main` (compiler-rt FuzzerInterface.h).
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32
#endif
