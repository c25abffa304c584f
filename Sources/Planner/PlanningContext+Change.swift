import Intent

/// Helpers shared by the change planners (restart, set image, delete…): the object a request is about,
/// and the standard changing and verifying steps.
extension PlanningContext {
    /// Kinds `kubectl rollout` works on, in order of preference when the request names none.
    static let rolloutKinds = ["deployment", "statefulset", "daemonset"]
    /// How long a rollout may take before `rollout status` gives up.
    static let rolloutTimeoutSeconds = 180

    /// The `name` slot, or an error showing how to say it.
    func requiredName(_ intent: UserIntent, example: String) throws(PlannerError) -> String {
        guard let name = intent.text("name"), !name.isEmpty else {
            throw .invalidValue(slot: "name", value: "", reason: "say which object, for example: \(example)")
        }
        return name
    }

    /// The workload a request names among `kinds`; a kind word outside them is refused with `verb`.
    func resolveWorkload(_ intent: UserIntent, kinds: [String], verb: String, example: String)
        async throws(PlannerError)
        -> Resolved
    {
        let name = try requiredName(intent, example: example)
        if let kind = intent.text("kind"), !kinds.contains(kind) {
            throw .invalidValue(slot: "kind", value: kind, reason: "only \(Self.plural(kinds)) can be \(verb)")
        }
        return try await resolve(name, kinds: kinds, for: intent)
    }

    /// The deployment a request names, for changes only a deployment takes (rollout pause, a canary). A statefulset or
    /// daemonset of that name is refused with its kind and `onlyDeployments` rather than reported as missing.
    func resolveDeployment(_ intent: UserIntent, verb: String, example: String, onlyDeployments: String)
        async throws(PlannerError) -> Resolved
    {
        do {
            return try await resolveWorkload(intent, kinds: ["deployment"], verb: verb, example: example)
        } catch {
            guard case .notFound = error, intent.text("kind") == nil, !isOffline, let name = intent.text("name"),
                let other = try? await resolve(name, kinds: ["statefulset", "daemonset"], for: intent)
            else { throw error }
            throw .invalidValue(
                slot: "name", value: name, reason: "that is \(other.object.displayName); \(onlyDeployments)")
        }
    }

    /// "deployments, statefulsets and daemonsets".
    static func plural(_ kinds: [String]) -> String {
        let words = kinds.map { ResourceKind.named($0)?.plural ?? $0 + "s" }
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " and " + last
    }

    /// A changing kubectl step, validated by the API server with `--dry-run=server` before anyone is asked.
    func changeStep(
        _ arguments: [String], summary: String, timeoutSeconds: Int = 60,
        confirmation: PlanStep.Confirmation = .standard
    ) -> PlanStep {
        PlanStep(
            argv: kubectl(arguments), mutating: true, summary: summary,
            validationArgv: kubectl(arguments + ["--dry-run=server"]), timeoutSeconds: timeoutSeconds,
            confirmation: confirmation)
    }

    /// Putting a workload's pod template back as it is now, for changes to the template (environment, resources,
    /// rollbacks): a deployment to the revision read while planning (its `deployment.kubernetes.io/revision`),
    /// other kinds to the revision before the change.
    func templateReversal(of target: ClusterObject, what: String) -> Reversal {
        let pinned = self.pinned
        var arguments = ["rollout", "undo", target.reference] + namespaceArguments(for: target)
        var summary = "roll \(target.displayName) back to the revision before this change (\(what) as before)"
        if target.kind == "deployment", let revision = target.annotations[Self.revisionAnnotation],
            Int(revision) != nil
        {
            arguments.append("--to-revision=\(revision)")
            summary = "roll \(target.displayName) back to revision \(revision) (\(what) as before)"
        }
        return .steps(
            summary: summary, [pinned.changeStep(arguments, summary: summary), pinned.rolloutStatusStep(target)])
    }

    /// The annotation a Deployment carries its current revision in.
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// Deleting an object kagent is about to create: the reversal of a create.
    func deletionReversal(
        of reference: String, namespace: String?, what: String, confirmation: PlanStep.Confirmation = .standard
    ) -> Reversal {
        let arguments = ["delete", reference] + (namespace.map { ["--namespace=\($0)"] } ?? []) + ["--wait=true"]
        let summary = "delete \(what) again"
        return .steps(
            summary: summary,
            [pinned.changeStep(arguments, summary: summary, timeoutSeconds: 120, confirmation: confirmation)])
    }

    /// `kubectl rollout status`: the outcome is only reported once the new pods are ready.
    func rolloutStatusStep(_ object: ClusterObject) -> PlanStep {
        PlanStep(
            argv: kubectl(
                ["rollout", "status", object.reference] + namespaceArguments(for: object)
                    + ["--timeout=\(Self.rolloutTimeoutSeconds)s"]),
            mutating: false, summary: "wait until the new pods of \(object.reference) are ready",
            timeoutSeconds: Self.rolloutTimeoutSeconds + 15)
    }

    /// A read-back (a jsonpath template such as `{.spec.replicas}`) whose output must equal `expected`.
    func readBackStep(_ object: ClusterObject, jsonPath: String, expected: String, summary: String) -> PlanStep {
        PlanStep(
            argv: kubectl(
                ["get", object.reference] + namespaceArguments(for: object) + ["--output=jsonpath=\(jsonPath)"]),
            mutating: false, summary: summary, expectation: .outputEquals(expected), timeoutSeconds: 30)
    }

    /// A map key as a jsonpath segment: `app.kubernetes.io/name` → `app\.kubernetes\.io/name`.
    static func jsonPathKey(_ key: String) -> String {
        key.replacingOccurrences(of: ".", with: "\\.")
    }

    /// The repository part of an image reference: `shop/api:3.2` → `shop/api`, `host:5000/app@sha256:…` → `host:5000/app`.
    static func imageRepository(_ image: String) -> String {
        var rest = Substring(image)
        if let at = rest.firstIndex(of: "@") { rest = rest[..<at] }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") { rest = rest[..<colon] }
        return String(rest)
    }

    /// Refuses a resolution that rests on a typo or a fragment ("worker-9" for worker-2): acting on the wrong node
    /// or deleting the wrong object is worse than asking. The exact name, or whole words of it, are enough.
    static func requireLiteral(_ resolved: Resolved, for name: String, verb: String) throws(PlannerError) {
        let target = resolved.object
        let query = name.lowercased()
        // "worker2" is worker-2 said without its dash: the same name, not a guess.
        guard target.name != query, target.name.replacingOccurrences(of: "-", with: "") != query.replacingOccurrences(of: "-", with: ""),
            !NameResolver.words(of: target.name).containsRun(NameResolver.words(of: query))
        else { return }
        throw .invalidValue(
            slot: "name", value: name,
            reason: "\(verb) needs the object's name; did you mean \(target.displayName)? "
                + "say: \(verb) \(target.kind) \(target.name)")
    }
}
