// swift-tools-version:6.0
import PackageDescription

/// One settings list for every Swift target: Swift 6 language mode (strict concurrency), warnings are errors.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-warnings-as-errors"]),
]

/// This package's directory (for the linker's search path of CLazyCurl).
let packageDirectory = Context.packageDirectory

let package = Package(
    name: "Herd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "herd", targets: ["herd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "HerdCore", dependencies: ["CHerdSys", .product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        .target(name: "HerdStore", dependencies: ["HerdCore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .target(name: "CHerdSys"),
        .target(name: "CLazyCurl", exclude: ["link"], linkerSettings: [.unsafeFlags(["-L", packageDirectory + "/Sources/CLazyCurl/link"])]),
        .target(name: "HerdRemote", dependencies: ["HerdCore", "CHerdSys", "CLazyCurl"], swiftSettings: swiftSettings),
        .target(name: "HerdEngine", dependencies: ["HerdCore", "HerdStore", "HerdRemote"], swiftSettings: swiftSettings),
        .target(name: "HerdService", dependencies: ["HerdCore", "HerdStore", "HerdRemote", "HerdEngine"], swiftSettings: swiftSettings),
        .plugin(name: "ThemeEmbed", capability: .buildTool()),
        .target(name: "HerdTUI", dependencies: ["HerdCore"], swiftSettings: swiftSettings, plugins: ["ThemeEmbed"]),
        .target(
            name: "HerdMCP",
            dependencies: ["HerdCore", "HerdStore", "HerdRemote", "HerdEngine", "HerdService", .product(name: "MCP", package: "swift-sdk")],
            swiftSettings: swiftSettings
        ),
        .target(name: "HerdTerminal", dependencies: ["CNcurses", "HerdTUI"], swiftSettings: swiftSettings),
        .target(name: "HerdDaemonClient", dependencies: ["HerdCore", "HerdStore"], swiftSettings: swiftSettings),
        .target(
            name: "HerdServer",
            dependencies: [
                "HerdCore", "HerdStore", "HerdRemote", "HerdEngine", "HerdService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HerdCLI",
            dependencies: [
                "HerdCore", "HerdStore", "HerdRemote", "HerdEngine", "HerdService", "HerdTUI", "HerdTerminal", "HerdBuildInfo", "HerdMCP",
                "HerdServer",
                "HerdDaemonClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .plugin(name: "CommitStamp", capability: .buildTool()),
        .target(name: "HerdBuildInfo", swiftSettings: swiftSettings, plugins: ["CommitStamp"]),
        .executableTarget(name: "herd", dependencies: ["HerdCLI"], swiftSettings: swiftSettings),
        .target(
            name: "HerdTestSupport", dependencies: ["HerdRemote"], path: "Tests/Support",
            exclude: ["testbed.sh"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "HerdCoreTests", dependencies: ["HerdCore"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "HerdStoreTests", dependencies: ["HerdStore", "HerdCore", "HerdTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HerdRemoteTests", dependencies: ["HerdRemote", "HerdCore", "CLazyCurl", "HerdTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HerdEngineTests", dependencies: ["HerdEngine", "HerdCore", "HerdRemote"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HerdServiceTests", dependencies: ["HerdService", "HerdCore", "HerdStore", "HerdRemote", "HerdEngine", "HerdTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HerdTUITests", dependencies: ["HerdTUI", "HerdCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HerdMCPTests", dependencies: ["HerdMCP", "HerdService", "HerdCore", "HerdStore", "HerdTestSupport", .product(name: "MCP", package: "swift-sdk")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HerdDaemonClientTests", dependencies: ["HerdDaemonClient", "HerdCore", "HerdStore", "HerdTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HerdCLITests", dependencies: ["HerdCore", "HerdStore", "HerdTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "IntegrationTests", dependencies: ["HerdCore", "HerdStore", "HerdRemote", "HerdEngine", "HerdService", "HerdTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
