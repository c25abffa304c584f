import Foundation
import MCP
import Session

/// `kagent mcp`: kagent's tools for a Model Context Protocol client, on standard input and output.
public enum KagentMCPServer {
    /// What the server tells a client about itself when it connects.
    static let instructions = """
        kagent plans Kubernetes, Helm and Docker operations exactly, has the API server validate them, runs them \
        only when asked, and verifies the result. Call `plan` with a request in plain English (or `troubleshoot`, \
        `undo`), show the user the steps it returns, then call `run_plan` with its plan_id. The server is \
        read-only unless started with --allow-changes; changes in protected namespaces (kube-system, …) are never \
        made for an MCP client. Nothing is ever run as a shell command.
        """

    /// Serves until the client closes standard input.
    public static func serve(_ tools: KagentTools, version: String) async throws {
        let server = Server(
            name: "kagent", version: version, title: "kagent", instructions: instructions,
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: ToolDefinitions.all) }
        await server.withMethodHandler(CallTool.self) { params in
            try await tools.call(params.name, arguments: params.arguments ?? [:])
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }
}

/// The tools, each with a JSON schema and a description written for a model.
public enum ToolDefinitions {
    static let namespace: Value = [
        "type": "string", "description": "The Kubernetes namespace (default: the kubeconfig context's namespace).",
    ]

    public static let all: [Tool] = [
        Tool(
            name: "plan",
            description: """
                Plan a Kubernetes, Helm or Docker operation described in plain English ("scale backend to 3", \
                "why is the engine crashing", "roll back the frontend release"). Returns the exact commands \
                (argv), which of them change the cluster, the API server's dry-run verdict, how undo would put it \
                back, and a plan_id. Runs nothing.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "request": ["type": "string", "description": "What to do, in plain English."],
                    "namespace": namespace,
                    "context": ["type": "string", "description": "The kubeconfig context to use."],
                ],
                "required": ["request"],
                "additionalProperties": false,
            ],
            annotations: .init(title: "Plan an operation", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
        Tool(
            name: "run_plan",
            description: """
                Run a plan made earlier in this session by plan, troubleshoot or undo, then verify the result. \
                Plans that only read always run; plans that change the cluster run only when the server was \
                started with --allow-changes, and never in protected namespaces. Show the user the plan first.
                """,
            inputSchema: [
                "type": "object",
                "properties": ["plan_id": ["type": "string", "description": "The plan_id a plan tool returned."]],
                "required": ["plan_id"],
                "additionalProperties": false,
            ],
            annotations: .init(title: "Run a plan", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false)),
        Tool(
            name: "troubleshoot",
            description: """
                Find what is wrong with a workload, service or pod (crash loops, image pull errors, pending pods, \
                failing probes, …): findings with evidence, and the safe fixes as a plan with a plan_id.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "target": ["type": "string", "description": "The workload, service or pod name (a loose name works: backend)."],
                    "namespace": namespace,
                ],
                "required": ["target"],
                "additionalProperties": false,
            ],
            annotations: .init(title: "Troubleshoot", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
        Tool(
            name: "undo",
            description: """
                Plan putting back a change kagent made: the last one, or the one a run_plan returned. Returns the \
                undo plan with a plan_id, to run with run_plan like any other.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "plan_id": ["type": "string", "description": "The plan_id of a plan that ran (default: the last change)."]
                ],
                "additionalProperties": false,
            ],
            annotations: .init(title: "Plan an undo", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
        Tool(
            name: "history",
            description: "The last steps kagent ran (its audit log), from any front end, newest last.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "count": ["type": "integer", "minimum": 1, "maximum": 200, "description": "How many entries (default 20)."]
                ],
                "additionalProperties": false,
            ],
            annotations: .init(title: "History", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
        Tool(
            name: "get",
            description: """
                List objects of one kind (or one object by name) with kubectl's table, bounded in size. Never \
                returns Secret data.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "kind": ["type": "string", "description": "pods, deployments, services, … (kubectl's short names work)."],
                    "name": ["type": "string", "description": "One object's name."],
                    "namespace": namespace,
                    "selector": ["type": "string", "description": "A label selector, such as app=web."],
                ],
                "required": ["kind"],
                "additionalProperties": false,
            ],
            annotations: .init(title: "Get objects", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
    ]
}

extension KagentTools {
    static var names: [String] { ToolDefinitions.all.map(\.name) }
}
