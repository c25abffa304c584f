import Intent

/// Turns intents into one execution plan, reading the cluster (read-only) to resolve names.
public struct Planner: Sendable {
    public let context: PlanningContext

    public init(context: PlanningContext) {
        self.context = context
    }

    /// The plan for a request's intents, in order. Nothing runs while planning but read-only reads.
    /// - Throws: ``PlannerError`` when a name is unknown or ambiguous, a value is out of range,
    ///   or the cluster cannot be read.
    /// Actions that only read, in a namespace: a namespace the request names that does not exist is a word read
    /// in the wrong place ("show me the errors of the backend"), said back rather than listed as "No resources found".
    static let namespacedReads: Set<String> = ["get", "events", "images", "helm_list"]

    /// The intent, or, for a read in a namespace that does not exist but names a workload, the same read about that
    /// workload: events about it. Other such reads fail with the namespaces there are.
    func readingIn(_ intent: UserIntent) async throws(PlannerError) -> UserIntent {
        guard Self.namespacedReads.contains(intent.action), intent.text("name") == nil, intent.text("owner") == nil,
            let namespace = intent.text("namespace"), let cluster = context.cluster,
            let namespaces = try? await cluster.objects(kinds: ["namespace"], namespace: nil), !namespaces.isEmpty,
            !namespaces.contains(where: { $0.name == namespace })
        else { return intent }
        if intent.action == "events", let workload = try await TopPlanner.workload(named: namespace, context: context) {
            var about = intent
            about["namespace"] = .text(workload.namespace)
            about["name"] = .text(workload.name)
            return about
        }
        let near = namespaces.map(\.name).filter { EditDistance.isWithinOne($0, namespace) }
        throw .notFound(kind: "namespace", name: namespace, namespace: nil, nearby: near.isEmpty ? namespaces.prefix(3).map(\.name) : near)
    }

    public func plan(request: String, intents: [UserIntent]) async throws(PlannerError) -> ExecutionPlan {
        var plan = ExecutionPlan(request: request, intents: intents, steps: [], outcome: "")
        var outcomes: [String] = []
        for said in intents {
            let part: ExecutionPlan
            if let every = try await planEveryObject(said, request: request) {
                part = every
            } else {
                let intent = try await readingIn(try Self.scoped(said))
                guard let planner = Self.registry[intent.action] else { throw .unsupportedAction(intent.action) }
                part = try await planner.plan(intent, request: request, context: context)
            }
            plan.steps += part.steps
            plan.notes += part.notes
            plan.subjects += part.subjects
            plan.findings += part.findings
            plan.analyzed = plan.analyzed || part.analyzed
            if let namespace = part.sessionNamespace { plan.sessionNamespace = namespace }
            if let undoes = part.undoes { plan.undoes = undoes }
            outcomes.append(part.outcome)
        }
        plan.outcome = outcomes.joined(separator: "\n")
        return plan
    }
}
