import Intent

/// Plans `label` and `annotate`: `kubectl label|annotate KIND NAME KEY=VALUE --overwrite` (or `KEY-` to remove),
/// then a read-back of each key.
///
/// Without a kind word the name is looked for among workloads first, then among every other kind kagent knows.
struct LabelPlanner: ActionPlanner {
    let actions = ["label", "annotate"]
    /// Kinds searched when the request names none, in order of preference.
    static let preferredKinds = PlanningContext.rolloutKinds
    static let otherKinds = [
        "service", "pod", "node", "namespace", "configmap", "job", "cronjob", "ingress", "persistentvolumeclaim",
        "secret", "statefulset",
    ]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let isLabel = intent.action == "label"
        let noun = isLabel ? "label" : "annotation"
        let name = try context.requiredName(
            intent, example: isLabel ? "label backend tier=api" : "annotate web-app team=shop")
        var changes: [String] = []
        var checks: [(key: String, expected: String)] = []
        if let pairs = intent[isLabel ? "labels" : "annotations"]?.list {
            for pair in pairs {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let key = parts[0], value = parts.count > 1 ? parts[1] : ""
                try Self.checkKey(key, noun: noun)
                if isLabel { try Self.checkValue(value, slot: "labels", shown: value) }
                changes.append(pair)
                checks.append((key, value))
            }
        } else if let remove = intent.text("remove") {
            let key = remove.hasSuffix("-") ? String(remove.dropLast()) : remove
            try Self.checkKey(key, noun: noun)
            changes.append(key + "-")
            checks.append((key, ""))
        }
        guard !changes.isEmpty else {
            throw .invalidValue(slot: noun, value: "", reason: "say KEY=VALUE, for example: \(noun) backend tier=api")
        }
        let resolved = try await Self.resolve(name, intent: intent, context: context)
        let target = resolved.object
        var arguments = [intent.action, target.kind, target.name] + changes
        if intent.text("remove") == nil { arguments.append("--overwrite") }
        arguments += context.namespaceArguments(for: target)
        let field = isLabel ? "labels" : "annotations"
        var steps = [
            context.changeStep(
                arguments,
                summary:
                    "\(intent.text("remove") == nil ? "set" : "remove") the \(noun)\(changes.count > 1 ? "s" : "") "
                    + "\(changes.joined(separator: " ")) on \(target.displayName)"
            ).undone(
                by: Self.reversal(
                    of: target, keys: checks.map(\.key), noun: noun, action: intent.action, context: context))
        ]
        for (key, expected) in checks {
            steps.append(
                context.readBackStep(
                    target, jsonPath: "{.metadata.\(field).\(PlanningContext.jsonPathKey(key))}", expected: expected,
                    summary: expected.isEmpty
                        ? "check that \(target.reference) has no \(noun) \(key)"
                        : "check that \(target.reference) has \(key)=\(expected)"))
        }
        let done =
            intent.text("remove").map { "removed the \(noun) \($0.hasSuffix("-") ? String($0.dropLast()) : $0) from" }
            ?? "\(isLabel ? "labelled" : "annotated") \(changes.joined(separator: " ")) on"
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: resolved.note.map { [$0] } ?? [],
            outcome: "\(done) \(target.displayName)", subjects: [target])
    }

    /// The keys put back as they were read while planning: the old value again, or removed if there was none.
    static func reversal(
        of target: ClusterObject, keys: [String], noun: String, action: String, context: PlanningContext
    ) -> Reversal {
        guard !context.isOffline else {
            return .impossible("planned --offline, the \(noun)s' values before the change were not read")
        }
        let before = noun == "label" ? target.labels : target.annotations
        let putBack = keys.map { key in before[key].map { "\(key)=\($0)" } ?? "\(key)-" }
        let summary = "put the \(noun)s of \(target.displayName) back: \(putBack.joined(separator: " "))"
        return .steps(
            summary: summary,
            [
                context.pinned.changeStep(
                    [action, target.kind, target.name] + putBack + ["--overwrite"]
                        + context.namespaceArguments(for: target),
                    summary: summary)
            ])
    }

    /// The object: of the kind said; else a workload; else any other kind.
    static func resolve(_ name: String, intent: UserIntent, context: PlanningContext) async throws(PlannerError)
        -> PlanningContext.Resolved
    {
        if intent.text("kind") != nil || context.isOffline {
            return try await context.resolve(name, kinds: preferredKinds, for: intent)
        }
        do {
            return try await context.resolve(name, kinds: preferredKinds, for: intent)
        } catch {
            guard case .notFound = error else { throw error }
            return try await context.resolve(name, kinds: preferredKinds + otherKinds, for: intent)
        }
    }

    /// `[prefix/]name`: the prefix a DNS subdomain, the name 63 letters, digits, '-', '_', '.'.
    static func checkKey(_ key: String, noun: String) throws(PlannerError) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name = String(parts.last ?? "")
        let prefixOK = parts.count == 1 || parts.count == 2 && KubernetesName.subdomainProblem(String(parts[0])) == nil
        guard prefixOK, !name.isEmpty, Self.isLabelValue(name) else {
            throw .invalidValue(
                slot: noun, value: key,
                reason: "a \(noun) key is [prefix/]name: a name of at most 63 letters, digits, '-', '_' or '.'")
        }
    }

    /// Refuses a value that is no label value, saying `what` it is ("a taint's value") and showing `shown`.
    static func checkValue(_ value: String, what: String = "a label value", slot: String, shown: String)
        throws(PlannerError)
    {
        guard isLabelValue(value) else {
            throw .invalidValue(
                slot: slot, value: shown,
                reason: "\(what) is at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit")
        }
    }

    /// A label value (or key name): at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit.
    static func isLabelValue(_ value: String) -> Bool {
        guard !value.isEmpty else { return true }
        guard value.count <= 63, let first = value.first, let last = value.last,
            first.isLetter || first.isNumber, last.isLetter || last.isNumber
        else { return false }
        return value.allSatisfy { ($0.isLetter || $0.isNumber || "-_.".contains($0)) && $0.isASCII }
    }
}
