import Intent

/// Plans `use_context`: `kubectl config use-context NAME`, after checking that the kubeconfig defines NAME,
/// then a read-back of the current context.
struct UseContextPlanner: ActionPlanner {
    let actions = ["use_context"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("context"), !name.isEmpty else {
            throw .invalidValue(
                slot: "context", value: "", reason: "say which context, for example: use context minikube")
        }
        var notes: [String] = []
        if let contexts = context.kubeconfigContexts {
            guard contexts.names.contains(name) else {
                let known =
                    contexts.names.isEmpty
                    ? "the kubeconfig defines no contexts" : "contexts: \(contexts.names.joined(separator: ", "))"
                throw .invalidValue(
                    slot: "context", value: name, reason: "the kubeconfig has no such context; \(known)")
            }
            if contexts.current == name {
                notes.append("\(name) is already the current context")
            }
        } else {
            notes.append("the kubeconfig was not read: kubectl checks that context \(name) exists")
        }
        if let flag = context.kubeContext, flag != name {
            notes.append(
                "--context \(flag) still applies to this command line; the kubeconfig's current context changes")
        }
        var steps = Self.steps(making: name, summary: "make \(name) the kubeconfig's current context", context: context)
        steps[0] = steps[0].undone(by: Self.reversal(from: context.kubeconfigContexts?.current, context: context))
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes, outcome: "kubectl now uses context \(name)"
        )
    }

    /// `kubectl config use-context NAME`, then a check that it is the current context.
    static func steps(making name: String, summary: String, context: PlanningContext) -> [PlanStep] {
        [
            PlanStep(
                argv: context.kubectlConfig("use-context", name), mutating: true, summary: summary, timeoutSeconds: 15),
            PlanStep(
                argv: context.kubectlConfig("current-context"), mutating: false,
                summary: "check that the current context is \(name)", expectation: .outputEquals(name),
                timeoutSeconds: 15),
        ]
    }

    /// Making the context that is current now current again.
    static func reversal(from previous: String?, context: PlanningContext) -> Reversal {
        guard let previous else {
            return .impossible("the kubeconfig names no current context now, so there is none to go back to")
        }
        let summary = "make \(previous) the kubeconfig's current context again"
        return .steps(summary: summary, steps(making: previous, summary: summary, context: context))
    }
}
