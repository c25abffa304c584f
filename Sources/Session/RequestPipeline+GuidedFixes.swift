import Executors
import Foundation
import Intent
import Planner

extension RequestPipeline {
    /// Guided troubleshooting: the findings with a fix one at a time, most severe first, each asked as
    /// ``ConfirmationQuestion/fix(_:index:total:)``. After a fix the target is checked again and the observer
    /// hears whether the problem is gone. No stops; skip goes on to the next finding.
    func guideFixes(_ prepared: RequestOutcome, confirmer: any Confirmer, observer: any SessionObserver) async
        -> RequestOutcome
    {
        var outcome = prepared
        guard let plan = prepared.plan else { return outcome }
        outcome.ending = .quiet
        let fixable = plan.findings.filter { !$0.fix.isEmpty }
        var done: [String] = []
        var failed = false
        for (index, finding) in fixable.enumerated() {
            outcome.stage = .confirm
            let answer = await confirmer.answer(.fix(finding, index: index, total: fixable.count))
            if answer == .skip { continue }
            guard answer == .yes else { break }
            outcome.stage = .run
            let part = ExecutionPlan(
                request: plan.request, intents: plan.intents, steps: finding.fix, outcome: "fixed \(finding.problem)")
            let total = part.steps.count
            let execution = await planRunner().run(part) { observer.progress($0, total: total) }
            guard execution.succeeded else {
                observer.fixFailed(execution)
                outcome.execution = execution
                failed = true
                break
            }
            outcome.stage = .verify
            let again = try? await Planner(context: planningContext()).plan(request: plan.request, intents: plan.intents)
            let remains = again.map { Self.remains(finding, in: $0) } ?? true
            let line =
                remains
                ? "re-checked: \(finding.problem) on \(finding.resource) is still there"
                : "re-checked: \(finding.problem) on \(finding.resource) is gone"
            observer.rechecked(line, problemRemains: remains)
            done.append(line)
        }
        if done.isEmpty && !failed {
            outcome.status = .notConfirmed
            outcome.message = "not run: no fix was applied"
        } else {
            outcome.status = failed ? .failed : .done
            outcome.message = done.joined(separator: "\n")
        }
        return outcome
    }
}
