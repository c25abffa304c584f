// swift-tools-version: 6.0
//
// kagent: plain-English Kubernetes operations, planned exactly, shown, confirmed, verified.
// Modules depend one way only: kagent → Session → Executors → Planner → Intent.
import PackageDescription

let package = Package(
    name: "kagent",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kagent", targets: ["kagent"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        // System libraries, each behind a small shim header.
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),

        // request text → UserIntent (rules in rules/, optional model behind a protocol)
        .target(
            name: "Intent",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // UserIntent → ExecutionPlan (reads the cluster through the ClusterReader protocol)
        .target(name: "Planner", dependencies: ["Intent"]),
        // ExecutionPlan → ExecutionReport (child processes, the kubectl-backed ClusterReader, HTTP)
        .target(
            name: "Executors",
            dependencies: ["Planner", "CCurl", .product(name: "Yams", package: "Yams")]
        ),
        // The request pipeline as named stages (understand → … → verify), its gates and its one outcome value;
        // front ends confirm through a protocol.
        .target(name: "Session", dependencies: ["Executors"]),
        // `kagent mcp`: the pipeline's tools for a Model Context Protocol client, on stdio.
        .target(
            name: "KagentMCP",
            dependencies: ["Session", .product(name: "MCP", package: "swift-sdk")]
        ),
        // CLI, shell and rendering
        .executableTarget(
            name: "kagent",
            dependencies: [
                "Session", "KagentMCP", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The labelled request corpus and its fixture cluster, shared by the tests and the benchmark.
        .target(
            name: "RequestCorpus",
            dependencies: ["Executors", .product(name: "Yams", package: "Yams")]
        ),
        // `kagent-bench corpus|speed`: accuracy per action, and parse+plan and process timings.
        .executableTarget(name: "kagent-bench", dependencies: ["RequestCorpus", "Executors"]),

        .target(name: "TestSupport", dependencies: ["Executors"], path: "Tests/TestSupport"),
        .testTarget(name: "IntentTests", dependencies: ["Intent", "TestSupport"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "TestSupport"], exclude: ["AnalyzerExamples"]),
        .testTarget(name: "ExecutorsTests", dependencies: ["Executors", "TestSupport"]),
        .testTarget(name: "SessionTests", dependencies: ["Session", "TestSupport"]),
        .testTarget(
            name: "IntegrationTests", dependencies: ["Executors", "TestSupport", "kagent"],
            exclude: ["MCP/mcp_session.py", "Golden"]),
        .testTarget(name: "CorpusTests", dependencies: ["RequestCorpus", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
