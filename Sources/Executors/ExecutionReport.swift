import Planner

/// What happened when a plan ran: every step's outcome, in order.
public struct ExecutionReport: Sendable {
    public var plan: ExecutionPlan
    public var outcomes: [StepOutcome]

    public struct StepOutcome: Sendable {
        public var step: PlanStep
        public var status: Status
        public var result: CommandResult?
        public var error: ExecutorError?

        /// The sentence the step's output answers its question with (``PlanStep/answer``), when it ran and printed
        /// what such a command prints.
        public var answer: String? {
            guard status == .succeeded, let kind = step.answer, let output = result?.stdout else { return nil }
            return kind.sentence(from: output)
        }
    }

    public enum Status: String, Sendable, Codable {
        case succeeded, failed, skipped
    }

    /// Every step ran and passed its check.
    public var succeeded: Bool { outcomes.allSatisfy { $0.status == .succeeded } }
    /// The step that failed, if any: the plan stopped there.
    public var failure: StepOutcome? { outcomes.first { $0.status == .failed } }
    /// Changing steps that ran to completion: what may need undoing after a failure.
    public var completedChanges: [PlanStep] {
        outcomes.filter { $0.status == .succeeded && $0.step.mutating }.map(\.step)
    }
    /// How to put back what ran, last change first: what the undo journal keeps and a failure report offers.
    public var completedReversals: [Reversal] {
        completedChanges.reversed().map {
            $0.reversal ?? .impossible("kagent does not know how to reverse \"\($0.summary)\"")
        }
    }
}

/// The API server's opinion of a plan's changing steps, asked with `--dry-run=server` before confirming.
public struct ValidationReport: Sendable {
    public var checked: Int
    /// The first rejected step and why; nil when every checked step was accepted.
    public var rejection: (step: PlanStep, error: ExecutorError)?

    public var accepted: Bool { rejection == nil }
}
