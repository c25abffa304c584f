import Intent

/// Plans `exec`: a command in a workload's (or pod's) first container, `kubectl exec TARGET -- COMMAND`,
/// with its output captured; a shell (`sh`, `bash`, "a shell") runs attached with `-it`.
///
/// A command can change anything, so the step is a changing one (confirmed first); there is no server dry
/// run for exec.
struct ExecPlanner: ActionPlanner {
    let actions = ["exec"]
    /// Programs that are interactive shells: run attached with a terminal.
    static let shells: Set<String> = ["sh", "bash", "ash", "zsh", "dash", "/bin/sh", "/bin/bash", "/bin/ash"]
    static let timeoutSeconds = 300

    /// Where to run: a workload, or a pod named in full. "the backend pod" names the workload's pod, not one pod
    /// by its generated name: `kubectl exec deployment/backend` picks a running pod when the step runs, so the
    /// plan does not go stale when the pod is replaced between planning and running.
    static func resolveTarget(_ name: String, intent: UserIntent, context: PlanningContext) async throws(PlannerError)
        -> PlanningContext.Resolved
    {
        let workloads = ["deployment", "statefulset"]
        if intent.text("kind") == "pod", let cluster = context.cluster {
            let pods = (try? await cluster.objects(kinds: ["pod"], namespace: try context.namespace(of: intent))) ?? []
            if !pods.contains(where: { $0.name == name }) {
                var workload = intent
                workload.slots["kind"] = nil
                if let resolved = try? await context.resolveFirst(name, kindGroups: [workloads], for: workload) {
                    return resolved
                }
            }
        }
        return try await context.resolveFirst(name, kindGroups: [workloads, ["pod"]], for: intent)
    }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name") else {
            throw .invalidValue(
                slot: "name", value: "", reason: "say where to run it, for example: run ls /app in backend")
        }
        let command = try Self.command(of: intent)
        let resolved = try await Self.resolveTarget(name, intent: intent, context: context)
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        if target.kind != "pod" && target.replicas == 0 {
            throw .invalidValue(
                slot: "name", value: target.name,
                reason: "\(target.reference) in \(target.namespace) has 0 replicas, so there is no pod to run in")
        }
        if target.containers.count > 1, let first = target.containers.first {
            notes.append(
                "\(target.reference) has containers \(target.containers.map(\.name).joined(separator: ", ")); "
                    + "kubectl runs in its default one, \(first.name)")
        }
        // A shell, or a command the user asked to run with a terminal (`exec -it … -- redis-cli`).
        let interactive = command.count == 1 && Self.shells.contains(command[0]) || intent.text("tty") == "yes"
        let ns = context.namespaceArguments(for: target)
        let place = target.namespace.isEmpty ? "" : " in \(target.namespace)"
        let shown = command.joined(separator: " ")
        let step: PlanStep
        if interactive {
            step = PlanStep(
                argv: context.kubectl(["exec", "-it", target.reference] + ns + ["--"] + command), mutating: true,
                summary: "run \(shown) in \(target.reference)\(place) in this terminal (exit ends it)", attached: true
            ).irreversible("kagent cannot know what a command run inside the container changes")
        } else {
            step = PlanStep(
                argv: context.kubectl(["exec", target.reference] + ns + ["--"] + command), mutating: true,
                summary: "run \(shown) in \(target.reference)\(place)", timeoutSeconds: Self.timeoutSeconds
            ).irreversible("kagent cannot know what a command run inside the container changes")
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: [step], notes: notes,
            outcome: interactive
                ? "left \(command[0]) in \(target.reference)\(place)" : "ran \(shown) in \(target.reference)\(place)",
            subjects: [target])
    }

    /// The command's words: the `command` slot, or `shell` ("open a shell in X" → `sh`).
    static func command(of intent: UserIntent) throws(PlannerError) -> [String] {
        var words = intent["command"]?.list ?? intent.text("command").map { [$0] } ?? []
        if words.first == "--" { words.removeFirst() }
        if let shell = intent.text("shell"), words.isEmpty { words = [shell] }
        // "exec a shell in backend", "run shell in backend": the user means the default shell.
        if words.map({ $0.lowercased() }) == ["a", "shell"] || words.map({ $0.lowercased() }) == ["shell"] {
            words = ["sh"]
        }
        guard let first = words.first, !first.isEmpty else {
            throw .invalidValue(
                slot: "command", value: "", reason: "say what to run, for example: run ls /app in backend")
        }
        return words
    }
}
