import Foundation
import Intent

/// Plans `undo`: the recorded reversal of the last change kagent made (or of the plan named by its id), as a plan
/// like any other — shown, validated by the API server, confirmed, run and verified.
///
/// The reversal was worked out before the change ran, from the state it changed; its changing steps name the
/// kubeconfig context the change was made in.
struct UndoPlanner: ActionPlanner {
    let actions = ["undo"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let history = context.history else {
            throw .cannotUndo("kagent keeps no record of its changes here, so there is nothing to undo")
        }
        let changes = history.changes()
        let change: RecordedChange
        if let id = intent.text("plan")?.lowercased() {
            guard let named = changes.last(where: { $0.id == id }) else {
                throw .cannotUndo(
                    "no change with plan id \(id) is recorded; `kagent history` shows the plan ids of recent changes")
            }
            guard !named.undone else {
                throw .cannotUndo("plan \(id) (\"\(named.request)\") has been undone already")
            }
            change = named
        } else {
            guard let last = changes.last(where: { !$0.undone }) else {
                throw .cannotUndo(
                    changes.isEmpty
                        ? "kagent has not changed anything yet, so there is nothing to undo"
                        : "every change kagent recorded has been undone already")
            }
            change = last
        }
        let impossible = change.reversals.filter { !$0.isPossible }.map(\.summary)
        guard !change.undoSteps.isEmpty else {
            let earlier = changes.last { !$0.undone && !$0.undoSteps.isEmpty && $0.time <= change.time && $0 != change }
            throw .cannotUndo(
                "the last change (\"\(change.request)\", plan \(change.id)) cannot be undone: "
                    + impossible.joined(separator: "; ")
                    + (earlier.map { "; to undo the change before it (\"\($0.request)\"): kagent undo plan \($0.id)" }
                        ?? ""))
        }
        var notes = ["undoes \"\(change.request)\" (plan \(change.id), \(Self.age(of: change.time)))"]
        if let recorded = change.context, let now = context.effectiveContext,
            recorded != now
        {
            notes.append(
                "that change was made in context \(recorded), so the undo acts there (kubectl's is now \(now))")
        }
        notes += impossible.map { "not undone: \($0)" }
        var plan = ExecutionPlan(
            request: request, intents: [intent], steps: change.undoSteps, notes: notes,
            outcome: "undid \"\(change.request)\": "
                + change.reversals.filter(\.isPossible).map(\.summary).joined(separator: "; "))
        plan.undoes = change.id
        return plan
    }

    /// "3 minutes ago".
    static func age(of time: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(time)))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) minute\(seconds / 60 == 1 ? "" : "s") ago"
        case ..<86400: return "\(seconds / 3600) hour\(seconds / 3600 == 1 ? "" : "s") ago"
        default: return "\(seconds / 86400) day\(seconds / 86400 == 1 ? "" : "s") ago"
        }
    }
}
