import Planner

/// A question the pipeline must have answered before a changing step runs.
public enum ConfirmationQuestion: Sendable {
    /// Run the plan's changing steps? (`count` of them)
    case runChanges(ExecutionPlan, count: Int)
    /// A change that cannot be undone: type the object's name.
    case typeName(String)
    /// A change in a protected namespace: type the namespace's name.
    case protectedNamespace(String)
    /// Guided troubleshooting: apply this fix (number `index` of `total`)? Skip goes on to the next one.
    case fix(Finding, index: Int, total: Int)
}

/// The answer to a ``ConfirmationQuestion``.
public enum ConfirmationAnswer: Sendable, Equatable {
    case yes
    case no
    /// Only for ``ConfirmationQuestion/fix(_:index:total:)``: not this one, but go on.
    case skip
    /// Nobody can be asked (no terminal, a script, a model's client): nothing runs that needs the answer.
    case nobodyToAsk
}

/// How a front end asks its person. The terminal prompts; `--yes`, JSON and MCP answer without asking.
public protocol Confirmer: Sendable {
    func answer(_ question: ConfirmationQuestion) async -> ConfirmationAnswer
    /// Whether fixes found by troubleshooting are offered one at a time (the interactive shell) rather than run
    /// as one plan.
    var guidesFixes: Bool { get }
}

extension Confirmer {
    public var guidesFixes: Bool { false }
}

/// Answers for front ends with nobody to ask: the plan's changes were approved beforehand (`--yes`, an MCP
/// `run_plan` with changes allowed), or they were not. Names are never typed for anyone.
public struct NoOneToAsk: Confirmer {
    /// Whether the changes themselves were approved beforehand.
    public let changesApproved: Bool

    public init(changesApproved: Bool) {
        self.changesApproved = changesApproved
    }

    public func answer(_ question: ConfirmationQuestion) async -> ConfirmationAnswer {
        switch question {
        case .runChanges: changesApproved ? .yes : .nobodyToAsk
        case .typeName, .protectedNamespace, .fix: .nobodyToAsk
        }
    }
}
