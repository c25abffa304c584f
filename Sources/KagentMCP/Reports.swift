import Executors
import Foundation
import Intent
import Planner
import Session

/// One step of a plan as a tool result shows it.
struct StepReport: Codable, Sendable {
    var argv: [String]
    var mutating: Bool
    var summary: String
    /// The manifest the command reads on standard input (objects from templates), as the JSON contract's `stdin`.
    var stdin: String?

    init(_ step: PlanStep) {
        argv = SecretPolicy.hide(arguments: step.argv)
        mutating = step.mutating
        summary = step.summary
        stdin = step.input.flatMap { $0.isManifest ? SecretPolicy.hide(in: $0.data) : nil }
    }

    /// The command as it can be pasted: with its manifest as a here-document when it reads one.
    var shown: String { ShellQuoting.command(argv, manifest: stdin) }
}

/// The `plan`, `troubleshoot` and `undo` tools' result: the exact plan, what the API server said of it, how
/// `undo` would put it back, and the id to run it by.
struct PlanReport: Codable, Sendable {
    struct Validation: Codable, Sendable {
        var checked: Int
        var accepted: Bool
        var error: String?
    }

    struct Undo: Codable, Sendable {
        var summary: String
        var possible: Bool
        var steps: [StepReport]
    }

    struct FindingReport: Codable, Sendable {
        var problem: String
        var severity: String
        var resource: String
        var namespace: String
        var evidence: [String]
        var explanation: String
        var fix: [StepReport]
        var check: [StepReport]
    }

    var planID: String?
    var request: String
    var understood: Bool
    /// planned, not_understood, invalid_request, failed (planning or validation), not_confirmed (a gate refused).
    var status: String
    var changes: Bool
    var steps: [StepReport]
    var notes: [String]
    var validation: Validation?
    var undo: [Undo]
    var findings: [FindingReport]?
    var message: String?
    var suggestions: [String]
    /// What to do next, for the model.
    var next: String?

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case request, understood, status, changes, steps, notes, validation, undo, findings, message, suggestions, next
    }

    init(_ outcome: RequestOutcome, planID: String?, changesAllowed: Bool) {
        self.planID = planID
        request = SecretPolicy.hide(in: outcome.request)
        understood = outcome.understood
        status = outcome.status.contractName
        let plan = outcome.plan
        changes = !(plan?.isReadOnly ?? true)
        steps = plan?.steps.map(StepReport.init) ?? []
        notes = plan?.notes ?? []
        validation = outcome.validation.map {
            Validation(
                checked: $0.checked, accepted: $0.accepted,
                error: $0.rejection.map { SecretPolicy.hide(in: $0.error.localizedDescription) })
        }
        undo =
            plan?.reversals.map {
                Undo(summary: $0.summary, possible: $0.isPossible, steps: $0.steps.map(StepReport.init))
            } ?? []
        if let plan, plan.analyzed {
            findings = plan.findings.map {
                FindingReport(
                    problem: $0.problem, severity: $0.severity.rawValue, resource: $0.resource,
                    namespace: $0.namespace, evidence: $0.evidence.map(SecretPolicy.hide(in:)),
                    explanation: $0.explanation, fix: $0.fix.map(StepReport.init), check: $0.checks.map(StepReport.init))
            }
        }
        message = outcome.message.map(SecretPolicy.hide(in:))
        suggestions = outcome.suggestions.map(SecretPolicy.hide(in:))
        if let planID {
            next =
                changes && !changesAllowed
                ? "this plan changes the cluster; this server is read-only, so show it to the user to run with kagent"
                : "call run_plan with plan_id \(planID) to run it"
        }
    }

    /// The plan as text, as kagent prints it.
    var text: String {
        var lines: [String] = []
        if let message, status != "planned" { lines.append(message) }
        if !steps.isEmpty { lines.append("Plan for \"\(request)\"" + (planID.map { " (plan_id \($0))" } ?? "") + ":") }
        lines += notes.map { "  " + $0 }
        for (index, step) in steps.enumerated() {
            lines.append("  \(index + 1). \(step.summary)" + (step.mutating ? "  [changes]" : ""))
            // A manifest read on standard input is shown whole, as a here-document: what kubectl will read.
            lines.append("     $ " + step.shown.replacingOccurrences(of: "\n", with: "\n       "))
        }
        if let validation, validation.checked > 0 {
            lines.append(
                validation.accepted
                    ? "the API server accepts the change (--dry-run=server; nothing changed)"
                    : "the API server rejects the plan: \(validation.error ?? "")")
        }
        for finding in findings ?? [] {
            lines.append("finding (\(finding.severity)): \(finding.problem) on \(finding.resource) in \(finding.namespace)")
            lines += finding.evidence.map { "  evidence: " + $0 }
        }
        if !suggestions.isEmpty { lines.append("try: " + suggestions.joined(separator: "; ")) }
        if let next { lines.append(next) }
        return lines.joined(separator: "\n")
    }
}

/// The `run_plan` and `get` tools' result: what ran, each step's bounded output, and what is true now.
struct RunReport: Codable, Sendable {
    struct Result: Codable, Sendable {
        var argv: [String]
        var status: String
        var exitCode: Int32?
        var output: String?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case argv, status, exitCode = "exit_code", output, error
        }
    }

    var planID: String?
    var request: String
    /// done, failed, not_confirmed (a gate refused: nothing ran).
    var status: String
    var results: [Result]
    var message: String?
    /// The audit log's plan id, for `undo` and `history`, when the plan changed something.
    var auditPlan: String?
    var undo: String?

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case request, status, results, message, auditPlan = "audit_plan", undo
    }

    init(_ outcome: RequestOutcome, planID: String?, auditID: String?) {
        self.planID = planID
        request = SecretPolicy.hide(in: outcome.request)
        status = outcome.status.contractName
        var budget = KagentTools.totalOutputLimit
        results =
            outcome.execution?.outcomes.map { step in
                let limit = max(0, min(KagentTools.stepOutputLimit, budget))
                let output = step.result.map { KagentTools.bounded($0.stdout, limit: limit, argv: step.step.argv) }
                budget -= output?.count ?? 0
                return Result(
                    argv: SecretPolicy.hide(arguments: step.step.argv), status: step.status.rawValue,
                    exitCode: step.result?.exitCode, output: output,
                    error: step.error.map { SecretPolicy.hide(in: $0.localizedDescription) })
            } ?? []
        message = outcome.message.map(SecretPolicy.hide(in:))
        if outcome.status == .failed, let execution = outcome.execution {
            let changed = execution.completedChanges.map(\.summary)
            message =
                "the plan stopped at a failed step"
                + (changed.isEmpty ? "; nothing was changed" : "; already changed: " + changed.joined(separator: "; "))
        }
        auditPlan = auditID
        if auditID != nil, outcome.plan?.undoes == nil, outcome.plan?.reversals.contains(where: \.isPossible) == true {
            undo = "call undo (with plan_id \(planID ?? "")) to plan putting it back"
        }
    }

    var text: String {
        var lines: [String] = []
        for (index, result) in results.enumerated() {
            lines.append("[\(index + 1)/\(results.count)] \(result.status): $ " + ShellQuoting.command(result.argv))
            if let output = result.output, !output.isEmpty { lines.append(output) }
            if let error = result.error { lines.append("error: " + error) }
        }
        if let message { lines.append(message) }
        if let undo { lines.append(undo) }
        return lines.joined(separator: "\n")
    }
}

/// The `history` tool's result: the audit log's last entries.
struct HistoryReport: Codable, Sendable {
    var entries: [AuditLog.Entry]

    var text: String {
        guard !entries.isEmpty else { return "kagent has run nothing yet" }
        return entries.map { entry in
            "\(entry.time) plan \(entry.plan) step \(entry.step) \(entry.status)"
                + (entry.origin.map { " (\($0))" } ?? "") + ": $ " + ShellQuoting.command(entry.argv)
        }.joined(separator: "\n")
    }
}

extension RequestOutcome.Status {
    /// The name a tool result uses.
    var contractName: String {
        switch self {
        case .done: "done"
        case .planned: "planned"
        case .failed: "failed"
        case .invalidRequest: "invalid_request"
        case .notUnderstood: "not_understood"
        case .notConfirmed: "not_confirmed"
        }
    }
}
