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
    static let namespacedReads: Set<String> = ["get", "events", "images", "helm_list", "top"]

    /// The intent, or, for a read in a namespace that does not exist but names a workload, the same read about that
    /// workload: events about it. Other such reads fail with the namespaces there are.
    func readingIn(_ intent: UserIntent) async throws(PlannerError) -> UserIntent {
        guard Self.namespacedReads.contains(intent.action), intent.text("name") == nil, intent.text("owner") == nil,
            let namespace = intent.text("namespace"), let cluster = context.cluster,
            let namespaces = try? await cluster.objects(kinds: ["namespace"], namespace: nil), !namespaces.isEmpty,
            !namespaces.contains(where: { $0.name == namespace })
        else { return intent }
        // "Which computer is the engine running on?": the pods of a workload said where a namespace is.
        if intent.action == "get", ["all", "pod"].contains(intent.text("kind") ?? "all"),
            let workload = await TopPlanner.workload(named: namespace, context: context)
        {
            var pods = UserIntent(action: "get", slots: ["owner": .text(workload.name), "namespace": .text(workload.namespace)])
            pods.source = intent.source
            return pods
        }
        // "img of api?": images of a workload said where a namespace is.
        if intent.action == "images", let workload = await TopPlanner.workload(named: namespace, context: context) {
            var about = intent
            about["namespace"] = .text(workload.namespace)
            about["name"] = .text(workload.name)
            return about
        }
        // "how much cpu is the engine using?": the use of a workload's pods; "what's eating memory on worker-2": of
        // the pods on a node.
        if intent.action == "top" {
            var about = intent
            if let workload = await TopPlanner.workload(named: namespace, context: context) {
                about["namespace"] = .text(workload.namespace)
                about["name"] = .text(workload.name)
                return about
            }
            if let node = await GetPlanner.object(named: namespace, kind: "node", context: context) {
                about["namespace"] = nil
                about["node"] = .text(node.name)
                return about
            }
        }
        // "what is in the configmap web-conf?": the object of the kind said, named where a namespace is.
        if intent.action == "get", let kind = intent.text("kind"),
            let object = await GetPlanner.object(named: namespace, kind: kind, context: context)
        {
            var about = intent
            about["namespace"] = object.namespace.isEmpty ? nil : .text(object.namespace)
            about["name"] = .text(object.name)
            return about
        }
        if intent.action == "events", let workload = await TopPlanner.workload(named: namespace, context: context) {
            var about = intent
            about["namespace"] = .text(workload.namespace)
            about["name"] = .text(workload.name)
            return about
        }
        let near = namespaces.map(\.name).filter { EditDistance.isWithinOne($0, namespace) }
        throw .notFound(kind: "namespace", name: namespace, namespace: nil, nearby: near.isEmpty ? namespaces.prefix(3).map(\.name) : near)
    }

    /// The plan of one intent, its name taken as said.
    func planOne(_ said: UserIntent, request: String) async throws(PlannerError) -> ExecutionPlan {
        let said = try await withoutAppWord(said)
        if let every = try await planEveryObject(said, request: request) { return every }
        let intent = try await readingIn(try Self.scoped(said))
        guard let planner = Self.registry[intent.action] else { throw .unsupportedAction(intent.action) }
        return try await planner.plan(intent, request: request, context: context)
    }

    /// "restart the web app" names `web-app` (the words read it so); "the todo app" names what the app's objects are
    /// named after, `todo`, when no object is called "…todo-app".
    func withoutAppWord(_ intent: UserIntent) async throws(PlannerError) -> UserIntent {
        guard let name = intent.text("name"), name.hasSuffix("-app"), name.count > 4, let cluster = context.cluster
        else { return intent }
        let parts = name.split(separator: "-")
        let tail = parts.suffix(2).joined(separator: "-")
        let objects = try await cluster.objects(
            kinds: ["deployment", "statefulset", "daemonset", "service", "job", "cronjob", "pod"], namespace: nil)
        if objects.contains(where: { $0.name.contains(tail) }) { return intent }
        var plain = intent
        plain["name"] = .text(String(name.dropLast(4)))
        return plain
    }

    /// An intent whose request said several words that may each be the name (``UserIntent/nameCandidates``): the
    /// plan for the one word that names something, when only one does. Words that name nothing are said so in a
    /// note; when several name something, or none does, nothing is planned.
    func planNamingOne(_ said: UserIntent, request: String) async throws(PlannerError) -> ExecutionPlan {
        var naming: [(name: String, plan: Result<ExecutionPlan, PlannerError>)] = []
        var unknown: [String] = []
        var firstMiss: PlannerError?
        for candidate in said.nameCandidates {
            var intent = said
            intent["name"] = .text(candidate)
            intent.nameCandidates = []
            do {
                naming.append((candidate, .success(try await planOne(intent, request: request))))
            } catch {
                // An error about the name itself is a word that names nothing; any other is about what it names.
                if case .notFound(_, let name, _, _) = error, name == candidate || name.hasSuffix(candidate) {
                    unknown.append(candidate)
                    if firstMiss == nil { firstMiss = error }
                    continue
                }
                // "the box is back up": a word a change takes only as an object's exact name ("box" is part of
                // sandbox-node, refused as a guess) names nothing here either.
                if case .invalidValue(let slot, let value, _) = error, slot == "name", value == candidate {
                    unknown.append(candidate)
                    if firstMiss == nil { firstMiss = error }
                    continue
                }
                naming.append((candidate, .failure(error)))
            }
        }
        // "the todo app's backend seems frozen": a word that may mean several objects ("todo") among them the one
        // another word means alone ("todo-backend") says nothing more.
        if naming.count > 1 {
            let planned = naming.compactMap { candidate -> ExecutionPlan? in
                if case .success(let plan) = candidate.plan { plan } else { nil }
            }
            naming.removeAll { candidate in
                guard case .failure(.ambiguous(_, let objects)) = candidate.plan else { return false }
                return planned.count == 1 && planned[0].subjects.contains { subject in objects.contains(subject) }
            }
        }
        // "what version of redis is the cache on?": words that name the same object are one name.
        if naming.count > 1, case .success(let first) = naming[0].plan,
            naming.allSatisfy({ if case .success(let plan) = $0.plan { plan.steps == first.steps } else { false } })
        {
            naming = [naming[0]]
        }
        guard naming.count <= 1 else { throw .severalNames(naming.map(\.name)) }
        guard let only = naming.first else {
            throw firstMiss ?? .severalNames(said.nameCandidates)
        }
        var plan = try only.plan.get()
        let others = unknown.map { "'\($0)'" }.joined(separator: ", ")
        if !unknown.isEmpty {
            plan.notes.insert(
                "'\(only.name)' is the name; \(others) \(unknown.count == 1 ? "names" : "name") nothing here", at: 0)
        }
        return plan
    }

    public func plan(request: String, intents: [UserIntent]) async throws(PlannerError) -> ExecutionPlan {
        var plan = ExecutionPlan(request: request, intents: intents, steps: [], outcome: "")
        var outcomes: [String] = []
        var planner = self
        for said in intents {
            var part: ExecutionPlan
            if said.nameCandidates.count > 1 {
                part = try await planner.planNamingOne(said, request: request)
            } else {
                part = try await planner.planOne(said, request: request)
            }
            // "create namespace dev and a quota of 10 pods in it": what goes in a namespace this plan creates is
            // checked by the server once it exists (as objects of a namespace a kustomize overlay creates are).
            let created = planner.context.plannedNamespaces
            for index in part.steps.indices where part.steps[index].mutating && part.steps[index].validationArgv != nil {
                if let namespace = part.steps[index].argv.first(where: { $0.hasPrefix("--namespace=") })?
                    .dropFirst("--namespace=".count), created.contains(String(namespace))
                {
                    part.steps[index].validationArgv = nil
                    let note = "namespace \(namespace) does not exist yet (this plan creates it), so the API server "
                        + "checks what goes in it only when it runs"
                    if !plan.notes.contains(note) && !part.notes.contains(note) { part.notes.append(note) }
                }
            }
            if said.action == "create_namespace", let name = said.text("name") ?? said.text("namespace") {
                var context = planner.context
                context.plannedNamespaces.insert(name)
                planner = Planner(context: context)
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
