/// How a changing step is put back, worked out while planning: before the step runs, from the state it changes.
///
/// After a plan runs, the reversals of the steps that succeeded are kept (the undo journal), and `kagent undo`
/// plans them like any request: shown, validated by the API server, confirmed, run and verified.
public enum Reversal: Sendable, Hashable {
    /// These steps put back what the step changes; `summary` says it for people ("scale … back to 2 replicas").
    case steps(summary: String, [PlanStep])
    /// The step cannot be undone, and why ("deleting a namespace deletes everything in it"): said before it runs.
    case impossible(String)

    /// One line for people: what undo would do, or why it cannot.
    public var summary: String {
        switch self {
        case .steps(let summary, _): summary
        case .impossible(let reason): reason
        }
    }

    /// The steps that put the change back; empty when it cannot be undone.
    public var steps: [PlanStep] {
        if case .steps(_, let steps) = self { steps } else { [] }
    }

    public var isPossible: Bool {
        if case .steps = self { true } else { false }
    }
}

extension PlanStep {
    /// The step with how to put it back.
    public func undone(by reversal: Reversal) -> PlanStep {
        var copy = self
        copy.reversal = reversal
        return copy
    }

    /// The step with how to put it back: these steps, described by `summary`.
    public func undone(by summary: String, _ steps: [PlanStep]) -> PlanStep {
        undone(by: .steps(summary: summary, steps))
    }

    /// The step, said before it runs to be impossible to undo, and why.
    public func irreversible(_ reason: String) -> PlanStep {
        undone(by: .impossible(reason))
    }
}

extension ExecutionPlan {
    /// What undo would do for this plan's changing steps, last change first; impossible ones included.
    public var reversals: [Reversal] {
        mutatingSteps.reversed().compactMap(\.reversal)
    }
}
