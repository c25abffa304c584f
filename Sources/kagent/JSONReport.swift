import Executors
import Foundation
import Intent
import Planner
import Session

/// The machine-readable contract of `kagent --output json`: exactly one JSON object per request.
///
/// ```
/// {"request": str, "understood": bool, "intent": {"action": str, ...slots} | null,
///  "steps": [{"argv": [str], "mutating": bool, "summary": str, "stdin": str (a manifest read on standard input)}],
///  "message": str (optional), "suggestions": [str] (optional),
///  "intents": [...] (only when the request asked for several things),
///  "source": "model" (only when a language model, not the rules, understood the request),
///  "executed": true, "results": [{"argv", "status", "exit_code", "seconds", "output", "error"}] (only when steps ran),
///  "findings": [{"problem", "severity", "resource", "namespace", "evidence": [str], "explanation",
///                "fix": {"steps": [...]} | null, "check": [{"argv", "mutating", "summary"}]}] (troubleshooting with the cluster only),
///  "undo": [{"summary": str, "possible": bool, "steps": [{"argv", "mutating", "summary"}]}] (plans that change
///           something, not --offline: how `kagent undo` would put each change back, last first, or why it cannot)}
/// ```
struct JSONReport: Encodable {
    var request: String
    var understood = false
    var intents: [UserIntent] = []
    var plan: ExecutionPlan?
    var message: String?
    var suggestions: [String]?
    var execution: ExecutionReport?
    /// "model" when the language model understood the request; absent for the rules.
    var source: String?
    /// Planned --offline: no state was read to go back to, so the contract's object has no `undo`.
    var offline = false

    /// The contract's object for a request's outcome.
    init(_ outcome: RequestOutcome) {
        request = outcome.request
        understood = outcome.understood
        intents = outcome.intents
        plan = outcome.plan
        message = outcome.message
        suggestions = outcome.suggestions.isEmpty ? nil : outcome.suggestions
        execution = outcome.execution
        source = outcome.source
        offline = outcome.offline
        if outcome.ending == .stepFailed, let execution = outcome.execution {
            let plain = Terminal(inputIsTerminal: false, outputIsTerminal: false, colors: false)
            message = PlanRenderer(terminal: plain).failureSummary(execution, colored: false)
        }
    }

    enum Key: String, CodingKey {
        case request, understood, intent, intents, steps, message, suggestions, executed, results, source, findings
        case undo
    }

    /// How one change would be put back, as the contract shows it.
    struct UndoReport: Encodable {
        var summary: String
        var possible: Bool
        var steps: [PlanStep]

        init(_ reversal: Reversal) {
            summary = reversal.summary
            possible = reversal.isPossible
            steps = reversal.steps
        }
    }

    /// One troubleshooting finding as the contract shows it.
    struct FindingReport: Encodable {
        struct Fix: Encodable { var steps: [PlanStep] }
        var problem: String
        var severity: String
        var resource: String
        var namespace: String
        var evidence: [String]
        var explanation: String
        var fix: Fix?
        var check: [PlanStep]

        init(_ finding: Finding) {
            problem = finding.problem
            severity = finding.severity.rawValue
            resource = finding.resource
            namespace = finding.namespace
            evidence = finding.evidence
            explanation = finding.explanation
            fix = finding.fix.isEmpty ? nil : Fix(steps: finding.fix)
            check = finding.checks
        }

        func encode(to encoder: any Encoder) throws {
            enum Key: String, CodingKey {
                case problem, severity, resource, namespace, evidence, explanation, fix, check
            }
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(problem, forKey: .problem)
            try container.encode(severity, forKey: .severity)
            try container.encode(resource, forKey: .resource)
            try container.encode(namespace, forKey: .namespace)
            try container.encode(evidence, forKey: .evidence)
            try container.encode(explanation, forKey: .explanation)
            if let fix { try container.encode(fix, forKey: .fix) } else { try container.encodeNil(forKey: .fix) }
            try container.encode(check, forKey: .check)
        }
    }

    struct Result: Encodable {
        var argv: [String]
        var status: ExecutionReport.Status
        var exitCode: Int32?
        var seconds: Double?
        var output: String?
        var error: String?
        /// The question the step answers, in a sentence from its output ("todo-frontend has 1 replica; 1 is ready.").
        var answer: String?

        enum CodingKeys: String, CodingKey {
            case argv, status, exitCode = "exit_code", seconds, output, error, answer
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(SecretPolicy.hide(in: request), forKey: .request)
        try container.encode(understood, forKey: .understood)
        if let first = intents.first {
            try container.encode(first, forKey: .intent)
        } else {
            try container.encodeNil(forKey: .intent)
        }
        if intents.count > 1 { try container.encode(intents, forKey: .intents) }
        try container.encode(plan?.steps ?? [], forKey: .steps)
        // Error messages may echo a word of the request: SecretPolicy hides its secret values once more.
        if let message, !message.isEmpty { try container.encode(SecretPolicy.hide(in: message), forKey: .message) }
        if let suggestions, !suggestions.isEmpty {
            try container.encode(suggestions.map(SecretPolicy.hide(in:)), forKey: .suggestions)
        }
        if let source { try container.encode(source, forKey: .source) }
        if let plan, plan.undoes == nil, !plan.reversals.isEmpty, !offline {
            try container.encode(plan.reversals.map(UndoReport.init), forKey: .undo)
        }
        if let plan, plan.analyzed {
            try container.encode(plan.findings.map(FindingReport.init), forKey: .findings)
        }
        if let execution {
            try container.encode(true, forKey: .executed)
            let results = execution.outcomes.map { outcome in
                Result(
                    argv: SecretPolicy.hide(arguments: outcome.step.argv), status: outcome.status,
                    exitCode: outcome.result?.exitCode,
                    seconds: outcome.result.map { ($0.seconds * 1000).rounded() / 1000 },
                    output: outcome.result?.stdout,
                    error: outcome.error.map { SecretPolicy.hide(in: $0.localizedDescription) },
                    answer: outcome.answer.map(SecretPolicy.hide(in:)))
            }
            try container.encode(results, forKey: .results)
        }
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else {
            return
                #"{"request":"","understood":false,"intent":null,"steps":[],"message":"internal error: the report could not be encoded"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}
