import Executors
import Foundation
import TestSupport
import Testing

/// `kagent mcp` driven by the reference MCP client (PyPI `mcp` 2.x, installed by scripts/setup) on the sandbox:
/// each test has its own namespace and state folder, and checks the cluster with kubectl.
@Suite("MCP server on the sandbox", .enabled(if: Sandbox.enabled))
struct MCPServerTests {
    /// The Python of the venv scripts/setup makes with the `mcp` package: KAGENT_MCP_PYTHON, else the cache's.
    static let python: String = {
        if let path = ProcessInfo.processInfo.environment["KAGENT_MCP_PYTHON"] { return path }
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        return cache + "/kagent/mcp-venv/bin/python"
    }()

    static let script = Repository.root.appendingPathComponent("Tests/IntegrationTests/MCP/mcp_session.py").path

    struct Session {
        var server: String
        var tools: [[String: Any]]
        var results: [[String: Any]]

        func structured(_ index: Int) -> [String: Any] { results[index]["structured"] as? [String: Any] ?? [:] }
        func text(_ index: Int) -> String { results[index]["text"] as? String ?? "" }
        func isError(_ index: Int) -> Bool { results[index]["is_error"] as? Bool ?? false }
        func rpcError(_ index: Int) -> String? { results[index]["rpc_error"] as? String }
    }

    /// Starts `kagent mcp` with `flags` against the sandbox in `namespace`, and makes the calls.
    static func session(
        _ flags: [String], namespace: String, state: TemporaryFolder, calls: [[String: Any]],
        environment: [String: String] = [:]
    ) async throws -> Session {
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "no MCP client at \(python): run scripts/setup (it makes a venv with PyPI's mcp)")
        let arguments = ["mcp", "--kubeconfig", Sandbox.kubeconfig, "-n", namespace] + flags
        let args = String(decoding: try JSONSerialization.data(withJSONObject: arguments), as: UTF8.self)
        let callsJSON = String(decoding: try JSONSerialization.data(withJSONObject: calls), as: UTF8.self)
        let runner = ProcessRunner(
            searchPath: Sandbox.searchPath,
            environment: ["XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": state.path + "/config"].merging(
                environment, uniquingKeysWith: { $1 }))
        let result = try await runner.run(
            [python, script, Repository.kagentExecutable, args, callsJSON], timeoutSeconds: 240)
        try #require(result.exitCode == 0, "the MCP client failed: \(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "no JSON from the client: \(result.stdout)")
        return Session(
            server: object["server"] as? String ?? "", tools: object["tools"] as? [[String: Any]] ?? [],
            results: object["results"] as? [[String: Any]] ?? [])
    }

    static func argv(_ plan: [String: Any]) -> [[String]] {
        (plan["steps"] as? [[String: Any]] ?? []).compactMap { $0["argv"] as? [String] }
    }

    @Test("initialize and list tools; a plan is exact and validated; read-only refuses to run it, and nothing changes")
    func readOnlyByDefault() async throws {
        try await Sandbox.withNamespace("mcpro") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let state = try TemporaryFolder()
            let session = try await Self.session(
                [], namespace: ns, state: state,
                calls: [
                    ["tool": "plan", "arguments": ["request": "scale backend to 3"]],
                    ["tool": "run_plan", "arguments": ["plan_id": "$plan:0"]],
                    ["tool": "get", "arguments": ["kind": "deploy"]],
                    ["tool": "plan", "arguments": ["request": "create service account mcp-bot"]],
                ])
            #expect(session.server == "kagent")
            let names = Set(session.tools.compactMap { $0["name"] as? String })
            #expect(names == ["plan", "run_plan", "troubleshoot", "undo", "history", "get"])
            #expect(session.tools.allSatisfy { ($0["schema"] as? [String: Any])?["type"] as? String == "object" })

            let plan = session.structured(0)
            #expect(!session.isError(0), "\(session.text(0))")
            #expect((plan["plan_id"] as? String)?.hasPrefix("p-") == true)
            #expect(plan["changes"] as? Bool == true)
            let scale = Self.argv(plan).first ?? []
            #expect(
                scale == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "scale", "deployment/todo-backend", "--replicas=3",
                    "--namespace=\(ns)",
                ], "\(scale)")
            #expect(scale.contains("--namespace=\(ns)"), "\(scale)")
            let validation = plan["validation"] as? [String: Any]
            #expect(validation?["accepted"] as? Bool == true, "the API server was asked: \(plan)")
            #expect((plan["undo"] as? [[String: Any]])?.first?["possible"] as? Bool == true)

            #expect(session.isError(1))
            #expect(session.text(1).contains("read-only"), "\(session.text(1))")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1, "nothing ran")

            #expect(!session.isError(2), "\(session.text(2))")
            #expect(session.text(2).contains("todo-backend"), "a read runs in read-only mode: \(session.text(2))")

            // A template's manifest is part of the plan: in the structured result and in the text.
            let template = session.structured(3)
            let stdin = (template["steps"] as? [[String: Any]])?.first?["stdin"] as? String ?? ""
            #expect(stdin.contains("kind: ServiceAccount") && stdin.contains("name: mcp-bot"), "\(template)")
            #expect(session.text(3).contains("<<'EOF'"), "\(session.text(3))")
        }
    }

    @Test("with --allow-changes a plan runs and is verified, the audit log says mcp, and undo puts it back")
    func allowedRunAndUndo() async throws {
        try await Sandbox.withNamespace("mcprun") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let state = try TemporaryFolder()
            let session = try await Self.session(
                ["--allow-changes"], namespace: ns, state: state,
                calls: [
                    ["tool": "plan", "arguments": ["request": "scale backend to 2"]],
                    ["tool": "run_plan", "arguments": ["plan_id": "$plan:0"]],
                    ["tool": "undo", "arguments": ["plan_id": "$plan:0"]],
                    ["tool": "run_plan", "arguments": ["plan_id": "$plan:2"]],
                    ["tool": "history", "arguments": ["count": 10]],
                    ["tool": "run_plan", "arguments": ["plan_id": "$plan:0"]],
                ])
            #expect(!session.isError(1), "\(session.text(1))")
            let run = session.structured(1)
            #expect(run["status"] as? String == "done", "\(run)")
            #expect((run["results"] as? [[String: Any]])?.count == 3)

            let undo = session.structured(2)
            #expect(!session.isError(2), "\(session.text(2))")
            #expect(Self.argv(undo).first?.contains("--replicas=1") == true, "\(Self.argv(undo))")
            #expect(!session.isError(3), "\(session.text(3))")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1, "undone")

            let history = session.structured(4)["entries"] as? [[String: Any]] ?? []
            #expect(history.contains { $0["origin"] as? String == "mcp" && ($0["argv"] as? [String])?.contains("--replicas=2") == true })
            #expect(session.isError(5), "a plan runs once: \(session.text(5))")

            // The audit log on disk marks every step as the MCP client's.
            let audit = try String(contentsOfFile: state.path + "/kagent/audit.jsonl", encoding: .utf8)
            #expect(audit.split(separator: "\n").allSatisfy { $0.contains("\"origin\":\"mcp\"") }, "\(audit)")
        }
    }

    @Test("bad arguments are JSON-RPC errors and a hostile request is refused; a protected namespace is never changed")
    func refusals() async throws {
        try await Sandbox.withNamespace("mcpbad") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let state = try TemporaryFolder()
            let session = try await Self.session(
                ["--allow-changes"], namespace: ns, state: state,
                calls: [
                    ["tool": "plan", "arguments": [:]],
                    ["tool": "run_plan", "arguments": ["plan_id": 5]],
                    ["tool": "get", "arguments": ["kind": "gizmos"]],
                    ["tool": "plan", "arguments": ["request": "scale backend to 3; kubectl delete ns \(ns)"]],
                    ["tool": "troubleshoot", "arguments": ["target": "../etc"]],
                    ["tool": "plan", "arguments": ["request": "scale backend to 4"]],
                    ["tool": "run_plan", "arguments": ["plan_id": "$plan:5"]],
                    ["tool": "nonsense", "arguments": [:]],
                ],
                environment: ["KAGENT_PROTECTED_NAMESPACES": ns])
            #expect(session.rpcError(0)?.contains("request is required") == true, "\(session.results[0])")
            #expect(session.rpcError(1)?.contains("plan_id") == true, "\(session.results[1])")
            #expect(session.rpcError(2)?.contains("kind") == true, "\(session.results[2])")
            #expect(session.isError(3))
            #expect(session.structured(3)["plan_id"] == nil, "nothing to run")
            #expect(session.text(3).contains("shell syntax"), "\(session.text(3))")
            #expect(session.rpcError(4) != nil, "an invalid name is refused: \(session.results[4])")
            #expect(session.isError(6))
            #expect(session.text(6).contains("protected namespace \(ns)"), "\(session.text(6))")
            #expect(session.text(6).contains("MCP client"), "\(session.text(6))")
            #expect(session.rpcError(7) != nil)
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1, "nothing ran")
            #expect(!FileManager.default.fileExists(atPath: state.path + "/kagent/audit.jsonl"), "no step ran")
            let namespace = try await Sandbox.kubectl("get", "namespace", ns)
            #expect(namespace.exitCode == 0, "the hostile request's second half never ran")
        }
    }
}
