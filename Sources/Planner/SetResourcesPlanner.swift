import Intent

/// Plans `set_resources`: `kubectl set resources` for a memory or CPU limit or request, then `rollout status`.
struct SetResourcesPlanner: ActionPlanner {
    let actions = ["set_resources"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        if let amounts = intent["amounts"]?.list {
            return try await plan(intent, amounts: amounts, request: request, context: context)
        }
        guard let resource = intent.text("resource"), ["memory", "cpu"].contains(resource) else {
            throw .invalidValue(
                slot: "resource", value: intent.text("resource") ?? "", reason: "say memory or cpu")
        }
        guard let quantity = intent.text("quantity") else {
            throw .invalidValue(
                slot: "quantity", value: "",
                reason: "say how much, for example: set the memory limit of backend to 512Mi")
        }
        try Self.check(quantity, of: resource)
        let bound = intent.text("bound") ?? "limits"
        let bounds = bound == "both" ? ["limits", "requests"] : [bound]
        guard bounds.allSatisfy({ ["limits", "requests"].contains($0) }) else {
            throw .invalidValue(slot: "bound", value: bound, reason: "say limit or request")
        }
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: "given resources",
            example: "set the memory limit of backend to 512Mi")
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        var arguments = ["set", "resources", target.reference] + bounds.map { "--\($0)=\(resource)=\(quantity)" }
        let which = try Self.containers(intent, of: target, arguments: &arguments, notes: &notes)
        if bound == "both" { notes.append("the \(resource) request and limit are both set to \(quantity)") }
        arguments += context.namespaceArguments(for: target)
        let what = bounds.map { "\(resource) \($0 == "limits" ? "limit" : "request")" }.joined(separator: " and ")
        let steps = [
            context.changeStep(
                arguments, summary: "set the \(what) of \(which) of \(target.displayName) to \(quantity)"
            ).undone(by: context.templateReversal(of: target, what: "its resources")),
            context.rolloutStatusStep(target),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "\(target.displayName): \(what) of \(which) set to \(quantity); the new pods are ready",
            subjects: [target])
    }

    /// Several amounts said together ("its cpu request to 200m and its cpu limit to 1"): one `kubectl set
    /// resources` with `--limits=` and `--requests=` each listing the amounts said for it.
    func plan(_ intent: UserIntent, amounts entries: [String], request: String, context: PlanningContext)
        async throws(PlannerError) -> ExecutionPlan
    {
        var said: [String: String] = [:]
        for (key, value) in try PodPlanner.containerAmounts(entries) {
            try PodPlanner.addAmount(key, value, to: &said)
            try Self.check(value, of: String(key.split(separator: ".")[1]))
        }
        guard !said.isEmpty else {
            throw .invalidValue(slot: "amounts", value: "", reason: "say how much, for example: cpu request 200m and limit 1")
        }
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: "given resources",
            example: "set the cpu request of backend to 200m and its cpu limit to 1")
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        var arguments = ["set", "resources", target.reference]
        var what: [String] = []
        for bound in ["limits", "requests"] {
            let amounts = ["cpu", "memory"].compactMap { resource in said["\(bound).\(resource)"].map { (resource, $0) } }
            guard !amounts.isEmpty else { continue }
            arguments.append("--\(bound)=" + amounts.map { "\($0)=\($1)" }.joined(separator: ","))
            what += amounts.map { "\($0) \(bound == "limits" ? "limit" : "request") \($1)" }
        }
        let which = try Self.containers(intent, of: target, arguments: &arguments, notes: &notes)
        arguments += context.namespaceArguments(for: target)
        let summary = what.joined(separator: ", ")
        let steps = [
            context.changeStep(arguments, summary: "set \(summary) for \(which) of \(target.displayName)")
                .undone(by: context.templateReversal(of: target, what: "its resources")),
            context.rolloutStatusStep(target),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "\(target.displayName): \(summary) for \(which); the new pods are ready", subjects: [target])
    }

    /// The container said (`--containers=`), or every container, with a note when there are several; what the
    /// change applies to, in words.
    static func containers(_ intent: UserIntent, of target: ClusterObject, arguments: inout [String], notes: inout [String])
        throws(PlannerError) -> String
    {
        if let container = intent.text("container") {
            try SetImagePlanner.checkContainer(container, in: target)
            arguments.append("--containers=\(container)")
            return "container \(container)"
        }
        if target.containers.count > 1 {
            notes.append(
                "\(target.displayName) has \(target.containers.count) containers "
                    + "(\(target.containers.map(\.name).joined(separator: ", "))): the change applies to all of them; "
                    + "name one to change only it")
        }
        return "every container"
    }

    /// Memory in bytes with a unit (`512Mi`), CPU in cores or millicores (`0.5`, `500m`).
    static func check(_ quantity: String, of resource: String) throws(PlannerError) {
        let unit = String(quantity.drop { $0.isNumber || $0 == "." })
        let number = Double(quantity.dropLast(unit.count)) ?? 0
        guard number > 0 else {
            throw .invalidValue(slot: "quantity", value: quantity, reason: "must be more than zero")
        }
        if resource == "memory" {
            if unit == "m" {
                throw .invalidValue(
                    slot: "quantity", value: quantity,
                    reason: "in memory 'm' means thousandths of a byte; did you mean \(quantity.dropLast())Mi?")
            }
            if unit.isEmpty || unit == "k" || unit == "Ki" && number < 1024 {
                throw .invalidValue(
                    slot: "quantity", value: quantity, reason: "too little memory to run anything; say it in Mi or Gi")
            }
        } else if !(unit.isEmpty || unit == "m") {
            throw .invalidValue(
                slot: "quantity", value: quantity, reason: "CPU is counted in cores (0.5, 2) or millicores (500m)")
        }
    }
}
