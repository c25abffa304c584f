import Executors
import Planner

/// What a front end shows while a request goes through the pipeline, before its outcome: the plan as soon as
/// it is made, the server's validation, each step as it runs. Every method has a default that shows nothing.
public protocol SessionObserver: Sendable {
    /// The plan, before anything is validated or asked; `message` when the plan has something to say at once.
    func planned(_ plan: ExecutionPlan, message: String?)
    /// The API server accepted `checked` changing steps.
    func validated(checkedSteps: Int)
    /// `--dry-run` ended before anything was asked.
    func dryRunEnded(_ plan: ExecutionPlan)
    /// A step of a plan (or of a fix) started, wrote output, or ended; `total` is the number of steps.
    func progress(_ event: PlanRunner.Event, total: Int)
    /// A step failed while guided fixes ran.
    func fixFailed(_ execution: ExecutionReport)
    /// After a guided fix: whether the problem is gone.
    func rechecked(_ line: String, problemRemains: Bool)
}

extension SessionObserver {
    public func planned(_ plan: ExecutionPlan, message: String?) {}
    public func validated(checkedSteps: Int) {}
    public func dryRunEnded(_ plan: ExecutionPlan) {}
    public func progress(_ event: PlanRunner.Event, total: Int) {}
    public func fixFailed(_ execution: ExecutionReport) {}
    public func rechecked(_ line: String, problemRemains: Bool) {}
}

/// Shows nothing: JSON and MCP front ends report the outcome only.
public struct SilentObserver: SessionObserver {
    public init() {}
}
