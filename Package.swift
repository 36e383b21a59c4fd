// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode with the upcoming features the
/// Hummingbird family uses, so `any` and import visibility are explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "comfy-harness",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "comfy-harness", targets: ["comfy-harness"]),
        .library(name: "ComfyClient", targets: ["ComfyClient"]),
        .library(name: "ComfyImage", targets: ["ComfyImage"]),
        .library(name: "ComfySimulator", targets: ["ComfySimulator"]),
        .library(name: "Harness", targets: ["Harness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries: the only C code we link, found with pkg-config, installed by `make deps`.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng16",
            providers: [.apt(["libpng-dev"])]
        ),
        // Typed wrappers for what Swift cannot call (variadic curl_easy_setopt, libpng macros, text chunks).
        // zlib (a dependency of libpng, so always installed with it) gives the chunk CRC check its crc32.
        .target(name: "CShims", dependencies: ["CCurl", "CPNG"], linkerSettings: [.linkedLibrary("z")]),

        .target(
            name: "ComfyClient",
            dependencies: [
                "CCurl", "CShims",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ComfyImage",
            dependencies: ["CPNG", "CShims"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ComfySimulator",
            dependencies: [
                "ComfyImage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Harness",
            dependencies: [
                "ComfyClient", "ComfyImage",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The HTML report template is a real file, compiled into the binary (no Bundle lookup at run time).
            resources: [
                .embedInCode("Report/Resources/report.html"), .embedInCode("Capacity/Resources/sweep.html"),
                .embedInCode("Report/Resources/compare.html"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HarnessCLI",
            dependencies: [
                "Harness", "ComfyClient", "ComfySimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // `make bench-image`: decode+compare timings in release (not a test).
        .executableTarget(
            name: "image-bench",
            dependencies: ["ComfyImage"],
            path: "Sources/ImageBench",
            swiftSettings: swiftSettings
        ),
        // Fuzz targets (`make fuzz`): libFuzzer entry points when built with `-sanitize=fuzzer -DFUZZING`,
        // plain replayers of input files otherwise, so a normal build keeps them compiling.
        .target(name: "FuzzSupport", path: "Sources/Fuzz/FuzzSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-png", dependencies: ["ComfyImage", "FuzzSupport"], path: "Sources/Fuzz/PNGFuzz",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-event", dependencies: ["ComfyClient", "FuzzSupport"], path: "Sources/Fuzz/EventFuzz",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-scenario", dependencies: ["Harness", "FuzzSupport"], path: "Sources/Fuzz/ScenarioFuzz",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-workflow", dependencies: ["Harness", "FuzzSupport"], path: "Sources/Fuzz/WorkflowFuzz",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-threshold", dependencies: ["Harness", "FuzzSupport"], path: "Sources/Fuzz/ThresholdFuzz",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "comfy-harness",
            dependencies: ["HarnessCLI"],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "ComfyClientTests",
            dependencies: [
                "ComfyClient", "ComfySimulator",
                // The tests' own WebSocket server (TestWebSocketServer) scripts what a server sends.
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ComfyImageTests",
            dependencies: ["ComfyImage"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ComfySimulatorTests",
            dependencies: [
                "ComfySimulator", "ComfyClient", "ComfyImage",
                // The tests' own WebSocket client (WSRecorder) records what the simulator sends.
                .product(name: "WSClient", package: "swift-websocket"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HarnessTests",
            dependencies: [
                "Harness", "HarnessCLI", "ComfySimulator",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
