import Executors
import Foundation
import Intent
import MCP
import Planner
import Session

/// kagent's tools for a Model Context Protocol client: plan, run a plan made earlier, troubleshoot, undo,
/// history, and a bounded `get`. Every call goes through the same ``RequestPipeline`` as the command line, with
/// the MCP front end's gates (protected namespaces are never changed; nothing attached to a terminal runs), and
/// every step that runs is written to the audit log marked `"origin": "mcp"`.
///
/// Read-only unless the server was started with `--allow-changes`: `run_plan` then runs a plan that changes the
/// cluster. The plan/run split is the confirmation: a client sees the exact plan, with the API server's answer,
/// before it asks for the run by the plan's id.
public actor KagentTools {
    var pipeline: RequestPipeline
    let allowChanges: Bool
    /// Plans made in this server session, by id, oldest first; the last ``planLimit`` are kept.
    private var plans: [(id: String, outcome: RequestOutcome)] = []
    static let planLimit = 50
    /// The most of one step's output a result carries, and of all of a result's outputs.
    static let stepOutputLimit = 4_000
    static let totalOutputLimit = 16_000

    /// - Parameters:
    ///   - pipeline: its settings' front end is set to MCP, and its audit origin to "mcp".
    ///   - allowChanges: `--allow-changes`; read-only mode (`--read-only`, KAGENT_READ_ONLY) wins over it.
    public init(pipeline: RequestPipeline, allowChanges: Bool) {
        var pipeline = pipeline
        pipeline.settings.frontEnd = .mcp
        pipeline.settings.assumeYes = false
        pipeline.settings.dryRun = false
        pipeline.origin = "mcp"
        self.pipeline = pipeline
        self.allowChanges = allowChanges && !pipeline.settings.readOnly
    }

    /// Whether `run_plan` may change the cluster.
    public var changesAllowed: Bool { allowChanges }

    // MARK: - Calls

    /// Answers one tool call. Bad arguments throw ``MCPError/invalidParams(_:)`` (a JSON-RPC error, nothing
    /// runs); a refusal or a failure is a result with `isError` and says why.
    public func call(_ name: String, arguments: [String: Value]) async throws -> CallTool.Result {
        switch name {
        case "plan":
            let request = try Self.text(arguments, "request", required: true) ?? ""
            let scoped = try scoped(arguments)
            return await plan(request: request, scoped: scoped)
        case "run_plan":
            return await run(planID: try Self.text(arguments, "plan_id", required: true) ?? "")
        case "troubleshoot":
            let target = try Self.name(arguments, "target", required: true) ?? ""
            var intent = UserIntent(action: "troubleshoot", slots: ["name": .text(target), "fix": .text("true")])
            if let namespace = try Self.namespace(arguments) { intent["namespace"] = .text(namespace) }
            return await prepared(intents: [intent], shownAs: "troubleshoot \(target)", scoped: pipeline)
        case "undo":
            var intent = UserIntent(action: "undo")
            if let id = try Self.text(arguments, "plan_id", required: false) {
                guard id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                    throw MCPError.invalidParams("plan_id: letters, digits and '-' only")
                }
                // An id of this server's plans is the id of the audit log's plan it ran as.
                intent["plan"] = .text(auditID(of: id) ?? id)
            }
            return await prepared(intents: [intent], shownAs: "undo", scoped: pipeline)
        case "history":
            let count = try Self.count(arguments, "count", default: 20, range: 1...200)
            return history(count: count)
        case "get":
            return try await get(arguments)
        default:
            throw MCPError.invalidParams("no tool named '\(name)'; the tools are \(Self.names.joined(separator: ", "))")
        }
    }

    /// Plans a request in words; runs nothing.
    func plan(request: String, scoped: RequestPipeline) async -> CallTool.Result {
        var scoped = scoped
        let outcome = await scoped.prepare(request, observer: SilentObserver())
        pipeline.memory = scoped.memory
        return remember(outcome)
    }

    /// Plans typed intents (troubleshoot, undo); runs nothing.
    func prepared(intents: [UserIntent], shownAs request: String, scoped: RequestPipeline) async -> CallTool.Result {
        var scoped = scoped
        let outcome = await scoped.prepare(intents: intents, shownAs: request, observer: SilentObserver())
        return remember(outcome)
    }

    /// Keeps a plan under a new id, and says what it is.
    private func remember(_ outcome: RequestOutcome) -> CallTool.Result {
        var id: String?
        if outcome.status == .planned, outcome.plan != nil {
            let planID = "p-" + UUID().uuidString.prefix(8).lowercased()
            plans.append((planID, outcome))
            if plans.count > Self.planLimit { plans.removeFirst(plans.count - Self.planLimit) }
            id = planID
        }
        let report = PlanReport(outcome, planID: id, changesAllowed: allowChanges)
        return Self.result(report, text: report.text, isError: outcome.status != .planned)
    }

    /// Runs a plan made earlier in this session: read-only plans always, changing ones only with
    /// `--allow-changes`; the gates are asked again.
    func run(planID: String) async -> CallTool.Result {
        guard let index = plans.firstIndex(where: { $0.id == planID }) else {
            let known = plans.suffix(5).map(\.id).joined(separator: ", ")
            return Self.refusal(
                "no plan '\(planID)' in this server session" + (known.isEmpty ? "" : " (recent: \(known))")
                    + "; make one with the plan tool")
        }
        let prepared = plans[index].outcome
        if let plan = prepared.plan, !plan.isReadOnly, !allowChanges {
            return Self.refusal(
                "not run: this plan changes the cluster (\(plan.mutatingSteps.first?.summary ?? "")), and this server "
                    + "is read-only; start it with `kagent mcp --allow-changes` to run changing plans")
        }
        plans.remove(at: index)
        let outcome = await pipeline.execute(
            prepared, confirmer: NoOneToAsk(changesApproved: allowChanges), observer: SilentObserver())
        let report = RunReport(outcome, planID: planID, auditID: auditID(of: outcome))
        if let auditID = report.auditPlan { runIDs[planID] = auditID }
        return Self.result(report, text: report.text, isError: outcome.status != .done)
    }

    /// Audit-log plan ids of the plans this session ran, by their MCP plan id (for `undo`).
    private var runIDs: [String: String] = [:]

    private func auditID(of planID: String) -> String? { runIDs[planID] }

    /// The audit log's id for a plan that ran: the undo journal keeps the last one.
    private func auditID(of outcome: RequestOutcome) -> String? {
        guard outcome.changedSomething else { return nil }
        return pipeline.undoJournal.changes().last?.id
    }

    /// The last entries of the audit log, newest last.
    func history(count: Int) -> CallTool.Result {
        let entries = AuditLog.entries(in: URL(fileURLWithPath: pipeline.directories.auditFile), last: count)
        let report = HistoryReport(entries: entries)
        return Self.result(report, text: report.text, isError: false)
    }

    /// A bounded read: objects of a kind, or one by name, in a namespace or with a label selector.
    func get(_ arguments: [String: Value]) async throws -> CallTool.Result {
        guard let kindWord = try Self.text(arguments, "kind", required: true),
            let kind = pipeline.catalog.lexicon.kind(named: kindWord), kind.typos == 0
        else {
            throw MCPError.invalidParams("kind: a Kubernetes kind kagent knows (pods, deployments, services, …)")
        }
        var intent = UserIntent(action: "get", slots: ["kind": .text(kind.kind)])
        if let name = try Self.name(arguments, "name", required: false) { intent["name"] = .text(name) }
        if let namespace = try Self.namespace(arguments) { intent["namespace"] = .text(namespace) }
        if let selector = try Self.text(arguments, "selector", required: false) {
            guard SlotParsing.selector(selector) != nil else {
                throw MCPError.invalidParams("selector: a label selector such as app=web or tier in (api,web)")
            }
            intent["selector"] = .text(selector)
        }
        var scoped = pipeline
        let shown = "get " + ([kind.kind] + [intent.text("name")].compactMap { $0 }).joined(separator: " ")
        let prepared = await scoped.prepare(intents: [intent], shownAs: shown, observer: SilentObserver())
        guard prepared.status == .planned, let plan = prepared.plan, plan.isReadOnly else {
            return Self.result(
                PlanReport(prepared, planID: nil, changesAllowed: false), text: prepared.message ?? "not planned",
                isError: true)
        }
        let outcome = await pipeline.execute(prepared, confirmer: NoOneToAsk(changesApproved: false), observer: SilentObserver())
        let report = RunReport(outcome, planID: nil, auditID: nil)
        return Self.result(report, text: report.text, isError: outcome.status != .done)
    }

    /// The pipeline with the call's own namespace and context, when it names them.
    private func scoped(_ arguments: [String: Value]) throws -> RequestPipeline {
        var scoped = pipeline
        if let namespace = try Self.namespace(arguments) { scoped.settings.namespace = namespace }
        if let context = try Self.text(arguments, "context", required: false) {
            guard !context.hasPrefix("-"), context.count <= 253, !context.contains(where: \.isWhitespace) else {
                throw MCPError.invalidParams("context: a kubeconfig context's name")
            }
            scoped.settings.kubeContext = context
        }
        return scoped
    }

    // MARK: - Arguments

    static func text(_ arguments: [String: Value], _ key: String, required: Bool) throws -> String? {
        guard let value = arguments[key], !value.isNull else {
            if required { throw MCPError.invalidParams("\(key) is required") }
            return nil
        }
        guard let text = value.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MCPError.invalidParams("\(key) must be a non-empty string")
        }
        guard text.count <= 4_000 else { throw MCPError.invalidParams("\(key) is longer than 4000 characters") }
        return text
    }

    static func name(_ arguments: [String: Value], _ key: String, required: Bool) throws -> String? {
        guard let name = try text(arguments, key, required: required) else { return nil }
        if let problem = KubernetesName.subdomainProblem(name) {
            throw MCPError.invalidParams("\(key) '\(name)': \(problem)")
        }
        return name
    }

    static func namespace(_ arguments: [String: Value]) throws -> String? {
        guard let namespace = try text(arguments, "namespace", required: false) else { return nil }
        if let problem = KubernetesName.labelProblem(namespace) {
            throw MCPError.invalidParams("namespace '\(namespace)': \(problem)")
        }
        return namespace
    }

    static func count(_ arguments: [String: Value], _ key: String, default fallback: Int, range: ClosedRange<Int>)
        throws -> Int
    {
        guard let value = arguments[key], !value.isNull else { return fallback }
        guard let count = value.intValue, range.contains(count) else {
            throw MCPError.invalidParams("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return count
    }

    // MARK: - Results

    static func result<Report: Codable>(_ report: Report, text: String, isError: Bool) -> CallTool.Result {
        let structured = try? Value(report)
        return CallTool.Result(content: [.text(text)], structuredContent: structured, isError: isError)
    }

    static func refusal(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(message)], structuredContent: ["refused": true, "message": .string(message)], isError: true)
    }

    /// Output for a model's context: at most `limit` characters, whole lines, with how much was left out; Secret
    /// data never.
    static func bounded(_ output: String, limit: Int, argv: [String]) -> String {
        if showsSecretData(argv) { return "(not shown: this command prints Secret data, which kagent never returns over MCP)" }
        let hidden = SecretPolicy.hide(in: output)
        guard hidden.count > limit else { return hidden }
        var kept = ""
        var lines = 0
        for line in hidden.split(separator: "\n", omittingEmptySubsequences: false) {
            if kept.count + line.count + 1 > limit { break }
            kept += line + "\n"
            lines += 1
        }
        let total = hidden.split(separator: "\n", omittingEmptySubsequences: false).count
        return kept + "… (\(total - lines) more lines not shown; narrow the request: a name, a namespace, a selector)"
    }

    /// Whether a command prints a Secret's data: a Secret read with an output format (`-o yaml`, `jsonpath`, …),
    /// or `describe`/`get` of secrets with one.
    static func showsSecretData(_ argv: [String]) -> Bool {
        let words = argv.map { $0.lowercased() }
        let secret = words.contains { $0 == "secret" || $0 == "secrets" || $0.hasPrefix("secret/") || $0.hasPrefix("secrets/") }
        let formatted = words.contains { $0 == "-o" || $0.hasPrefix("-o") || $0.hasPrefix("--output") || $0.hasPrefix("--template") }
        return secret && formatted
    }
}
