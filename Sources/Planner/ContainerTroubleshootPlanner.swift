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
}
