import Executors
import Intent
import Planner

/// Where a request's way through the pipeline ended, and everything it produced on the way: the one value every
/// front end renders (text, JSON, an MCP result).
public struct RequestOutcome: Sendable {
    /// How the request ended.
    public enum Status: String, Sendable {
        /// The plan ran and was verified (or it only reads, and read).
        case done
        /// `--dry-run`: planned and validated; nothing ran.
        case planned
        /// Something failed: planning, validation by the API server, a step, a check.
        case failed
        /// The request was refused as input: empty, too long, shell syntax, an invalid name.
        case invalidRequest
        /// Neither the rules nor the model understood it; nothing was planned.
        case notUnderstood
        /// A gate or the person said no: nothing ran.
        case notConfirmed
    }

    /// The stages, in order; ``stage`` is the one the request ended in.
    public enum Stage: String, Sendable {
        case understand, resolve, plan, gate, validate, confirm, run, verify
    }

    /// What a front end says at the end besides the plan it already showed.
    public enum Ending: Sendable, Equatable {
        /// Not understood: the reason, and phrasings to try.
        case notUnderstood(reason: String)
        /// An error or a refusal: ``message`` (and ``suggestions``).
        case error
        /// The person (or the lack of one to ask) did not confirm; `noTerminal` when nobody could be asked.
        case declined(noTerminal: Bool)
        /// The plan ran and was verified: ``message`` says what is true now.
        case verified
        /// A step failed: ``execution`` says which ran, which failed and which did not run.
        case stepFailed
        /// Nothing more to say (a dry run, or a flow that spoke as it went).
        case quiet
    }

    /// A remark about the request, with how much it matters.
    public struct Diagnostic: Sendable, Equatable {
        public enum Severity: String, Sendable { case info, warning, error }
        public var severity: Severity
        public var text: String
    }

    public var status: Status
    public var stage: Stage
    public var ending: Ending
    /// The request as it may be shown: secret values hidden.
    public var request: String
    public var understood = false
    /// "model" when a language model, not the rules, understood the request.
    public var source: String?
    public var intents: [UserIntent] = []
    public var plan: ExecutionPlan?
    /// The API server's answer for the changing steps (nil when nothing was validated: read-only plans, offline).
    public var validation: ValidationReport?
    public var execution: ExecutionReport?
    /// What happened, in a sentence or a few lines.
    public var message: String?
    public var suggestions: [String] = []
    public var diagnostics: [Diagnostic] = []
    /// Planned without the cluster: no state was read to go back to.
    public var offline = false

    public init(request: String, status: Status = .failed, stage: Stage = .understand, ending: Ending = .error) {
        self.request = request
        self.status = status
        self.stage = stage
        self.ending = ending
    }

    /// True when something in the cluster may have changed.
    public var changedSomething: Bool {
        execution?.outcomes.contains { $0.status == .succeeded && $0.step.mutating } ?? false
    }
}
