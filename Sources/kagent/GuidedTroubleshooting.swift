import Executors
import Foundation
import Intent
import Planner

/// Guided troubleshooting in the shell: the findings with a fix one at a time, most severe first; for each,
/// "apply this fix? (y/N/skip)"; after a fix, the target is checked again and kagent says whether the
/// problem is gone. N (or Enter) stops; skip goes on to the next finding.
struct GuidedTroubleshooting {
    let session: RequestSession
    let renderer: PlanRenderer
    let planRunner: PlanRunner

    enum Answer { case apply, skip, stop }

    static func answer(_ text: String?) -> Answer {
        switch text?.trimmingCharacters(in: .whitespaces).lowercased() ?? "" {
        case "y", "yes": return .apply
        case "s", "skip": return .skip
        default: return .stop
        }
    }

    /// Runs the guided flow; the report's message says what was fixed and what is left.
    func run(_ plan: ExecutionPlan, intents: [UserIntent]) async -> (status: ExitStatus, message: String) {
        let terminal = session.terminal
        let fixable = plan.findings.filter { !$0.fix.isEmpty }
        var done: [String] = []
        var failed = false
        for (index, finding) in fixable.enumerated() {
            terminal.write(
                "\n" + terminal.bold("Fix \(index + 1) of \(fixable.count)")
                    + ": \(finding.problem) on \(finding.resource)\n")
            for step in finding.fix {
                terminal.write(
                    "  " + step.summary + "\n     " + terminal.cyan("$ " + ShellQuoting.command(step.argv)) + "\n")
            }
            let answer = Self.answer(terminal.ask(terminal.bold("apply this fix?") + " (y/N/skip) "))
            if answer == .stop { break }
            if answer == .skip { continue }
            let part = ExecutionPlan(
                request: plan.request, intents: plan.intents, steps: finding.fix, outcome: "fixed \(finding.problem)")
            let execution = await planRunner.run(part, onEvent: renderer.progressHandler(total: part.steps.count))
            guard execution.succeeded else {
                terminal.write(renderer.failureSummary(execution, colored: true))
                failed = true
                break
            }
            let again = try? await Planner(context: session.planningContext()).plan(
                request: plan.request, intents: intents)
            let remains =
                again?.findings.contains {
                    $0.problem == finding.problem && !$0.subjects.isDisjoint(with: finding.subjects)
                } ?? true
            let line =
                remains
                ? "re-checked: \(finding.problem) on \(finding.resource) is still there"
                : "re-checked: \(finding.problem) on \(finding.resource) is gone"
            terminal.write(remains ? renderer.error(line) : renderer.outcome(line))
            done.append(line)
        }
        if done.isEmpty && !failed { return (.notConfirmed, "not run: no fix was applied") }
        return (failed ? .failure : .success, done.joined(separator: "\n"))
    }
}
