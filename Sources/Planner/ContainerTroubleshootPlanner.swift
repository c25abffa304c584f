import Intent

/// Plans `troubleshoot_container`: why a local Docker container is not running. Read-only: its state,
/// exit code and error as Docker records them, then its last log lines (what the ContainerNotRunning
/// problem of the cluster's analyzers shows for pods).
struct ContainerTroubleshootPlanner: ActionPlanner {
    let actions = ["troubleshoot_container"]
    static let tail = 50

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let container = intent.text("container") else {
            throw .invalidValue(
                slot: "container", value: "",
                reason: "say which container, for example: why won't my mongo container start")
        }
        // Docker's names: [a-zA-Z0-9][a-zA-Z0-9_.-]* (its own rule, looser than Kubernetes').
        let allowed = container.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "_.-".unicodeScalars.contains($0)
        }
        guard allowed, container.first?.isLetter == true || container.first?.isNumber == true else {
            throw .invalidValue(
                slot: "container", value: container, reason: "not a Docker container name (letters, digits, _ . -)")
        }
        if let reader = context.containers {
            return try await analyzed(container, reader: reader, intent: intent, request: request)
        }
        let format =
            "{{.Name}}: {{.State.Status}}, exit code {{.State.ExitCode}}, OOM killed {{.State.OOMKilled}}, "
            + "restarts {{.RestartCount}}, error '{{.State.Error}}', image {{.Config.Image}}"
        let steps = [
            PlanStep(
                argv: ["docker", "ps", "--all", "--filter=name=\(container)"], mutating: false,
                summary: "list the containers named like \(container), stopped ones too"),
            PlanStep(
                argv: ["docker", "inspect", "--format=\(format)", container], mutating: false,
                summary: "show \(container)'s state, exit code and error"),
            PlanStep(
                argv: ["docker", "logs", "--tail=\(Self.tail)", container], mutating: false,
                summary: "show the last \(Self.tail) lines \(container) logged"),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps,
            notes: [
                "a container that exits at once usually logs why: a port already in use, a data folder it may not "
                    + "write, a missing setting; `docker compose up` restarts it with its project's settings"
            ],
            outcome: "showed why container \(container) is not running")
    }

    /// With the container read: the ContainerNotRunning finding, its read-only checks as the steps, and the
    /// fix (`docker start`, only for a container that stopped cleanly) after them.
    private func analyzed(
        _ container: String, reader: any ContainerReader, intent: UserIntent, request: String
    ) async throws(PlannerError) -> ExecutionPlan {
        guard let state = try await reader.container(named: container) else {
            throw .notFound(kind: "container", name: container, namespace: nil, nearby: [])
        }
        guard let finding = ContainerNotRunningAnalyzer.analyze(state) else {
            var plan = ExecutionPlan(
                request: request, intents: [intent],
                steps: [
                    PlanStep(
                        argv: ["docker", "logs", "--tail=\(Self.tail)", container], mutating: false,
                        summary: "show the last \(Self.tail) lines \(container) logged")
                ],
                notes: ["container \(container) is running (status \(state.status))"],
                outcome: "container \(container) is running; nothing is wrong with its state")
            plan.analyzed = true
            return plan
        }
        var plan = ExecutionPlan(
            request: request, intents: [intent], steps: finding.checks + finding.fix,
            notes: finding.fix.isEmpty
                ? ["no safe fix: a container that crashed would crash again; the checks show why"] : [],
            outcome: finding.fix.isEmpty
                ? "container \(container) is not running: \(finding.evidence.first ?? "")"
                : "container \(container) started again and is running")
        plan.findings = [finding]
        plan.analyzed = true
        return plan
    }
}
