import Planner

/// The gates a plan passes before it runs: pure decisions on the plan and the settings, testable without a
/// cluster. The pipeline asks them in this order: ``readOnly(_:settings:)`` before the API server is asked
/// anything; after validation, ``questions(for:settings:)`` (which may refuse at once).
public enum Gates {
    /// How read-only mode is named when it refuses.
    public static let readOnlyFlags = "--read-only, KAGENT_READ_ONLY or read_only in config.yaml"

    /// Read-only mode refuses every plan with a changing step.
    public static func readOnly(_ plan: ExecutionPlan, settings: SessionSettings, setBy: String = readOnlyFlags)
        -> SessionError?
    {
        guard settings.readOnly, let first = plan.mutatingSteps.first else { return nil }
        return .readOnly(step: first.summary, setBy: setBy)
    }

    /// A step attached to the terminal (a shell, `logs -f`, port-forward) cannot run where nobody watches one.
    public static func attached(_ plan: ExecutionPlan, settings: SessionSettings) -> SessionError? {
        guard settings.frontEnd != .terminal, plan.steps.contains(where: \.attached) else { return nil }
        return .attachedCommand(frontEnd: settings.frontEnd.attachedRefusal)
    }

    /// The questions that must be answered yes, in order: each protected namespace's name (unless --force;
    /// never over MCP), then the changes themselves (unless --yes), then the name of each object whose change
    /// cannot be undone. Throws when a gate refuses whatever the answers.
    public static func questions(for plan: ExecutionPlan, settings: SessionSettings) throws(SessionError)
        -> [ConfirmationQuestion]
    {
        var questions: [ConfirmationQuestion] = []
        let protected = protectedNamespaces(in: plan, among: settings.protectedNamespaces).sorted()
        if !protected.isEmpty {
            if settings.frontEnd == .mcp { throw .protectedNamespaceOverMCP(protected) }
            if !settings.force { questions += protected.map(ConfirmationQuestion.protectedNamespace) }
        }
        if !plan.isReadOnly && !settings.assumeYes {
            questions.append(.runChanges(plan, count: plan.mutatingSteps.count))
            for step in plan.steps where step.mutating {
                if case .typeName(let name) = step.confirmation { questions.append(.typeName(name)) }
            }
        }
        return questions
    }

    /// The refusal for an answer that is not yes.
    public static func refusal(for question: ConfirmationQuestion, answer: ConfirmationAnswer) -> SessionError {
        switch (question, answer) {
        case (.protectedNamespace(let name), .nobodyToAsk): .protectedNamespaceUnconfirmed([name])
        case (.protectedNamespace(let name), _): .protectedNamespaceNotTyped(name)
        case (.runChanges, .nobodyToAsk): .needsConfirmation
        case (.typeName(let name), _): .nameNotTyped(name)
        default: .declined
        }
    }

    /// The protected namespaces the plan's changing steps act in (`--namespace=NS`, `-n NS`, or the namespace
    /// itself as the object of a kubectl command; every namespace for `--all-namespaces`).
    public static func protectedNamespaces(in plan: ExecutionPlan, among protected: Set<String>) -> Set<String> {
        var found: Set<String> = []
        for step in plan.steps where step.mutating {
            for (index, word) in step.argv.enumerated() {
                if word.hasPrefix("--namespace=") { found.insert(String(word.dropFirst("--namespace=".count))) }
                // kubectl's attached form (-nNAME, -n=NAME), and every namespace at once.
                if word.hasPrefix("-n"), word.count > 2, !word.hasPrefix("--") {
                    found.insert(String(word.dropFirst(2).drop { $0 == "=" }))
                }
                if word == "-A" || word == "--all-namespaces" || word == "--all-namespaces=true" {
                    found.formUnion(protected)
                }
                // `delete namespaces --all`: every namespace, the protected ones with them.
                if word == "--all" || word == "--all=true",
                    step.argv.contains(where: { ["ns", "namespace", "namespaces"].contains($0.lowercased()) })
                {
                    found.formUnion(protected)
                }
                if word == "-n" || word == "--namespace", index + 1 < step.argv.count {
                    found.insert(step.argv[index + 1])
                }
                if word == "namespace" || word == "ns" || word.hasPrefix("namespace/"), step.argv.first == "kubectl" {
                    let name =
                        word.hasPrefix("namespace/")
                        ? String(word.dropFirst("namespace/".count))
                        : (index + 1 < step.argv.count ? step.argv[index + 1] : "")
                    found.insert(name)
                }
            }
        }
        return found.intersection(protected)
    }
}
