import Intent

/// Plans `events`: `kubectl get events --namespace=NS --sort-by=.lastTimestamp`, newest last, optionally only
/// warnings and only about one object (`--field-selector=type=Warning,involvedObject.name=X`).
struct EventsPlanner: ActionPlanner {
    let actions = ["events"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        var fields: [String] = []
        let warnings = intent.text("warnings") == "true"
        if warnings { fields.append("type=Warning") }
        var notes: [String] = []
        var subjects: [ClusterObject] = []
        let scope: (argument: String, description: String)
        var about = ""
        if let name = intent.text("name") {
            let resolved = try await context.resolve(name, preferring: ResourceKind.lookingPreference, for: intent)
            let object = resolved.object
            notes += resolved.note.map { [$0] } ?? []
            subjects.append(object)
            fields.append("involvedObject.name=\(object.name)")
            about = " about \(object.reference)"
            // Events of cluster-scoped objects (nodes) are recorded in the default namespace.
            let namespace = object.namespace.isEmpty ? "default" : object.namespace
            scope = ("--namespace=\(namespace)", " in namespace \(namespace)")
        } else {
            scope = try GetPlanner.scope(of: intent, context: context)
        }
        var argv = ["get", "events", scope.argument, "--sort-by=.lastTimestamp"]
        if !fields.isEmpty { argv.append("--field-selector=\(fields.joined(separator: ","))") }
        let what = warnings ? "warning events" : "events"
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [
                PlanStep(
                    argv: context.kubectl(argv), mutating: false,
                    summary: "list the \(what)\(about)\(scope.description), oldest first")
            ],
            notes: notes, outcome: "listed the \(what)\(about)\(scope.description)", subjects: subjects)
    }
}
