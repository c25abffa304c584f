/// What analyzers need besides the snapshot: how to write kubectl commands, and values the user gave.
public struct AnalysisContext: Sendable {
    /// `kubectl` with the user's connection flags.
    public var kubectl: @Sendable ([String]) -> [String]
    /// `kubectl` with the kubeconfig context named, for the steps that undo a fix (see `PlanningContext.pinned`).
    public var pinnedKubectl: @Sendable ([String]) -> [String]
    /// KEY=VALUE pairs from the request ("fix it with DB_HOST=db"), for a missing ConfigMap.
    public var literals: [String: String]

    public init(
        kubectl: @escaping @Sendable ([String]) -> [String] = { ["kubectl"] + $0 },
        pinnedKubectl: (@Sendable ([String]) -> [String])? = nil, literals: [String: String] = [:]
    ) {
        self.kubectl = kubectl
        self.pinnedKubectl = pinnedKubectl ?? kubectl
        self.literals = literals
    }

    /// A changing step's reversal: one changing kubectl command (validated like any), then checks.
    func reversal(_ arguments: [String], summary: String, then checks: [PlanStep] = []) -> Reversal {
        .steps(
            summary: summary,
            [
                PlanStep(
                    argv: pinnedKubectl(arguments), mutating: true, summary: summary,
                    validationArgv: pinnedKubectl(arguments + ["--dry-run=server"]))
            ] + checks)
    }
}
