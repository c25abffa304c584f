import Intent

/// Plans `passthrough`: a literal kubectl, helm or docker command ("get pods -n srvthreds", "helm list -A",
/// "docker ps") as a one-step plan of exactly those words, changing or read-only by its verb.
///
/// The namespace clause the request reader took out (`-n X`) goes back in as `--namespace=X`, once;
/// kagent's `--kubeconfig`/`--context` are added as for every step.
struct PassthroughPlanner: ActionPlanner {
    let actions = ["passthrough"]
    static let timeoutSeconds = 300

    /// kubectl commands that take `--dry-run=server`, so the API server checks them before the user is asked.
    static let serverValidated: Set<String> = [
        "apply", "create", "delete", "patch", "replace", "scale", "label", "annotate", "expose", "set", "autoscale",
        "run", "drain", "cordon", "uncordon", "taint",
    ]
    /// kubectl's every-namespace option in a command line (`-A`, `-A` with more one-letter options after it,
    /// `--all-namespaces[=true]`), before any `--`; nil when there is none.
    static func allNamespacesOption(in words: [String]) -> String? {
        words.prefix { $0 != "--" }.first { word in
            word.hasPrefix("-A") || word == "--all-namespaces"
                || word.hasPrefix("--all-namespaces=") && word.lowercased() != "--all-namespaces=false"
        }
    }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let tool = intent.text("tool"), ["kubectl", "helm", "docker"].contains(tool),
            var words = intent["command"]?.list, let verb = words.first?.lowercased()
        else {
            throw .invalidValue(
                slot: "command", value: "", reason: "give a whole command, for example: kubectl get pods")
        }
        if SecretPolicy.carriesSecretValue(words) {
            throw .invalidValue(
                slot: "command", value: "\(tool) \(words.first ?? "")",
                reason: "it carries a secret value, which kagent never puts in a command line (plans are shown "
                    + "and kept in the history); for a secret say: create secret NAME with KEY=VALUE")
        }
        let namespace = try context.namespace(of: intent)
        if let namespace {
            let flag = tool == "docker" ? ["-n", namespace] : ["--namespace=\(namespace)"]
            // Options after `--` belong to the command run in the container: the namespace goes before.
            if let separator = words.firstIndex(of: "--") {
                words.insert(contentsOf: flag, at: separator)
            } else {
                words += flag
            }
        }
        if intent.wantsEveryNamespace, tool != "docker", Self.allNamespacesOption(in: words) == nil {
            // The request reader took `-A` out like `-n`: it goes back in, before any `--`.
            words.insert("--all-namespaces", at: words.firstIndex(of: "--") ?? words.endIndex)
        }
        let lowered = words.map { $0.lowercased() }
        let dryRun = lowered.contains { $0.hasPrefix("--dry-run") }
        let readOnly: Bool
        var argv: [String]
        var validation: [String]?
        var attached = false
        switch tool {
        case "kubectl":
            readOnly = dryRun || ReadOnlyCommands.kubectlReads(lowered)
            if !readOnly, let all = Self.allNamespacesOption(in: words) {
                throw .invalidValue(
                    slot: "command", value: all,
                    reason: "a changing command in every namespace would also change the protected ones "
                        + "(kube-system…) without asking; name one namespace with -n")
            }
            argv = context.kubectl(words)
            if !readOnly && Self.serverValidated.contains(verb) { validation = argv + ["--dry-run=server"] }
            attached =
                ["attach", "edit", "port-forward", "proxy", "debug"].contains(verb)
                || verb == "logs" && lowered.contains { ["-f", "--follow", "--follow=true"].contains($0) }
                || verb == "get" && lowered.contains { ["-w", "--watch", "--watch-only"].contains($0) }
                || verb == "exec" && lowered.contains { ["-i", "-t", "-it", "-ti", "--stdin", "--tty"].contains($0) }
        case "helm":
            readOnly = dryRun || ReadOnlyCommands.helm.contains(verb)
            argv = context.helm(words)
        default:
            readOnly = ReadOnlyCommands.docker.contains(verb)
            argv = ["docker"] + words
            attached =
                verb == "logs" && lowered.contains { ["-f", "--follow"].contains($0) }
                || ["exec", "run"].contains(verb) && lowered.contains { ["-it", "-ti", "-i", "-t"].contains($0) }
        }
        let shown = ([tool] + words).joined(separator: " ")
        var step = PlanStep(
            argv: argv, mutating: !readOnly,
            summary: readOnly ? "run \(shown) (read-only)" : "run \(shown) (it may change things)",
            validationArgv: validation, timeoutSeconds: Self.timeoutSeconds, attached: attached)
        if !readOnly {
            step = step.irreversible("kagent cannot work out how to reverse a command passed through as written")
        }
        var notes: [String] = []
        // A change to every object of a kind (`--all`) is confirmed by typing the namespace, as a delete by name;
        // of a kind that lives outside namespaces (every namespace, every node), it is never run.
        if tool == "kubectl", !readOnly, lowered.contains(where: { $0 == "--all" || $0 == "--all=true" }),
            let kind = lowered.dropFirst().first(where: { Self.clusterScopedKinds.contains($0) })
        {
            throw .invalidValue(
                slot: "command", value: kind,
                reason: "a change to every \(kind) at once (--all) is never run by kagent, as it would take "
                    + "kube-system and everything else with it; name them one at a time")
        }
        if tool == "kubectl", !readOnly, lowered.contains(where: { $0 == "--all" || $0 == "--all=true" }) {
            let namespace = Self.namespace(in: words) ?? context.namespace ?? context.defaultNamespace
            step.confirmation = .typeName(namespace)
            notes.append("it changes every object it names in \(namespace): you will be asked to type \(namespace) "
                + "to confirm (or give --yes)")
        }
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [step], notes: notes,
            outcome: "ran \(shown)")
    }

    /// kubectl's words for kinds that live outside namespaces.
    static let clusterScopedKinds: Set<String> = [
        "namespace", "namespaces", "ns", "node", "nodes", "no", "persistentvolume", "persistentvolumes", "pv",
        "clusterrole", "clusterroles", "clusterrolebinding", "clusterrolebindings", "customresourcedefinition",
        "customresourcedefinitions", "crd", "crds", "storageclass", "storageclasses", "sc", "priorityclass",
        "priorityclasses", "pc", "ingressclass", "ingressclasses",
    ]

    /// The namespace a kubectl line names (`--namespace=X`, `--namespace X`, `-n X`, `-nX`), before any `--`.
    static func namespace(in words: [String]) -> String? {
        let options = words.prefix { $0 != "--" }
        for (index, word) in options.enumerated() {
            if word.hasPrefix("--namespace=") { return String(word.dropFirst("--namespace=".count)) }
            if word == "--namespace" || word == "-n", index + 1 < options.count { return options[index + 1] }
            if word.hasPrefix("-n"), word.count > 2, !word.hasPrefix("--") { return String(word.dropFirst(2)) }
        }
        return nil
    }
}
