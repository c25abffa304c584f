import Intent

/// Plans `switch_traffic`: a blue/green switch by patching one key of a service's selector.
///
/// The key is the one whose new value selects existing workloads ("version: blue" → "version: green" when a
/// deployment with version=green and the service's other labels exists). Then a read-back of the selector value.
struct SwitchTrafficPlanner: ActionPlanner {
    let actions = ["switch_traffic"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let name = try context.requiredName(intent, example: "switch checkout-service to the green version")
        guard var value = intent.text("value"), !value.isEmpty, LabelPlanner.isLabelValue(value) else {
            throw .invalidValue(
                slot: "value", value: intent.text("value") ?? "",
                reason: "say the label value to switch to, for example green")
        }
        guard let cluster = context.cluster else {
            throw .needsCluster(
                "switching traffic reads the service's selector and the workloads behind it, and --offline does not "
                    + "read the cluster; drop --offline")
        }
        if let kind = intent.text("kind"), kind != "service" {
            throw .invalidValue(slot: "kind", value: kind, reason: "traffic is switched on a service")
        }
        let target: ClusterObject
        var notes: [String] = []
        do {
            let service = try await context.resolve(name, kinds: ["service"], for: intent)
            target = service.object
            notes += service.note.map { [$0] } ?? []
        } catch {
            // "The live version is checkout-blue": the one service in front of that workload.
            guard let workload = try? await context.resolve(name, kinds: ResourceKind.workloads, for: intent).object
            else { throw error }
            let services = try await cluster.objects(kinds: ["service"], namespace: workload.namespace).filter {
                $0.namespace == workload.namespace && !$0.selector.isEmpty
                    && $0.selector.allSatisfy { workload.selector[$0.key] == $0.value }
            }
            guard services.count == 1, let service = services.first else { throw error }
            target = service
            notes.append("\(service.reference) is the service in front of \(workload.reference)")
        }
        let workloads = try await cluster.objects(kinds: ResourceKind.workloads, namespace: target.namespace)
            .filter { $0.namespace == target.namespace }
        func selecting(_ selector: [String: String]) -> [ClusterObject] {
            workloads.filter { workload in selector.allSatisfy { workload.selector[$0.key] == $0.value } }
        }
        // "send the checkout traffic to checkout-green": a workload named where a version was expected stands for
        // the one label value that sets it apart from what the service selects.
        if target.selector.count > 1, let named = workloads.first(where: { $0.name == value }) {
            let apart = target.selector.keys.sorted().filter {
                named.selector[$0] != nil && named.selector[$0] != target.selector[$0]
            }
            if apart.count == 1, let key = apart.first, let version = named.selector[key] {
                notes.append("\(named.reference) is the one with \(key)=\(version)")
                value = version
            }
        }
        let current = selecting(target.selector)
        if !current.isEmpty {
            notes.append(
                "\(target.reference) sends traffic to \(current.map(\.reference).joined(separator: ", ")) today")
        }
        if let key = target.selector.keys.sorted().first(where: { target.selector[$0] == value }) {
            let check = context.readBackStep(
                target, jsonPath: "{.spec.selector.\(PlanningContext.jsonPathKey(key))}", expected: value,
                summary: "check that \(target.reference) selects \(key)=\(value)")
            return ExecutionPlan(
                request: request, intents: [intent], steps: [check],
                notes: notes + ["\(target.displayName) already selects \(key)=\(value): nothing to change"],
                outcome: "\(target.displayName) already sent traffic to \(key)=\(value); nothing changed",
                subjects: [target])
        }
        var candidates: [(key: String, workloads: [ClusterObject])] = []
        var existing: [String] = []
        // Only a key beside others is a version: switching a service's only key would point it at another app.
        for key in target.selector.keys.sorted() where target.selector.count > 1 {
            var selector = target.selector
            selector[key] = value
            let found = selecting(selector)
            if !found.isEmpty { candidates.append((key, found)) }
            selector[key] = nil
            let values = Set(selecting(selector).compactMap { $0.selector[key] })
            if values.count > 1 || values.count == 1 && values.first != target.selector[key] {
                existing += values.sorted().map { "\(key)=\($0)" }
            }
        }
        guard let choice = candidates.first else {
            let selector = target.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            throw .invalidValue(
                slot: "value", value: value,
                reason: "no deployment or statefulset behind \(target.displayName) (selector "
                    + "\(selector.joined(separator: ",")))"
                    + " would be selected with '\(value)'"
                    + (existing.isEmpty
                        ? "; no other versions exist" : "; values that exist: \(existing.joined(separator: ", "))"))
        }
        guard candidates.count == 1 else {
            throw .invalidValue(
                slot: "value", value: value,
                reason: "several selector keys of \(target.displayName) could take this value ("
                    + candidates.map(\.key).joined(separator: ", ") + "); switch it with kubectl patch")
        }
        let key = choice.key
        notes.append(
            "\(key): \(target.selector[key] ?? "") → \(value) sends traffic to "
                + choice.workloads.map(\.reference).joined(separator: ", "))
        var steps = Self.steps(
            pointing: target, at: key, value, summary: "point \(target.displayName) at \(key)=\(value)",
            check: "check that \(target.reference) now selects \(key)=\(value)", context: context)
        steps[0] = steps[0].undone(by: Self.reversal(of: target, key: key, context: context))
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "\(target.displayName) now sends traffic to \(key)=\(value) "
                + "(\(choice.workloads.map(\.reference).joined(separator: ", ")))",
            subjects: [target] + choice.workloads)
    }

    /// The selector value read while planning, patched back.
    static func reversal(of service: ClusterObject, key: String, context: PlanningContext) -> Reversal {
        guard let previous = service.selector[key] else {
            return .impossible("\(service.displayName) had no selector \(key) to go back to")
        }
        let summary = "point \(service.displayName) back at \(key)=\(previous)"
        return .steps(
            summary: summary,
            steps(
                pointing: service, at: key, previous, summary: summary,
                check: "check that \(service.reference) selects \(key)=\(previous) again", context: context.pinned))
    }

    /// A merge patch of one selector key of the service, then a read-back of it.
    static func steps(
        pointing service: ClusterObject, at key: String, _ value: String, summary: String, check: String,
        context: PlanningContext
    ) -> [PlanStep] {
        let patch = "{\"spec\":{\"selector\":{\"\(key)\":\"\(value)\"}}}"
        return [
            context.changeStep(
                ["patch", "service", service.name] + context.namespaceArguments(for: service)
                    + ["--type=merge", "--patch=\(patch)"],
                summary: summary),
            context.readBackStep(
                service, jsonPath: "{.spec.selector.\(PlanningContext.jsonPathKey(key))}", expected: value,
                summary: check),
        ]
    }
}
