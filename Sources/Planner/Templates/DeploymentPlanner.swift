import Intent

/// Plans `create_deployment`: a Deployment made in the cluster from an image, with what was said of it and nothing
/// else: replicas (1 when not said), a container port, a command, environment variables (values, or one key of a
/// Secret or ConfigMap), CPU and memory requests and limits, and labels on its pods beside `app: NAME`, which is
/// also its selector.
///
/// The manifest shown is the one created (fed to `kubectl create --filename=-`, validated by the API server first);
/// the plan then reads it back and waits for the rollout, so "created" is said only once its pods are ready. Undo
/// deletes it. Writing a manifest to a file without creating anything is `generate_deployment`.
struct DeploymentPlanner: ActionPlanner {
    let actions = ["create_deployment"]
    /// How long the rollout of a new deployment may take.
    static let rolloutSeconds = 180
    static let example = "create a deployment web with image nginx:1.25 and 2 replicas in shop"
    /// The most replicas kagent creates a deployment with; more is said with a scale afterwards.
    static let maximumReplicas = 50

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let image = try PodPlanner.image(intent, what: "it", example: Self.example)
        let name = try PlanningContext.newName(
            intent, default: BatchPlanner.imageBaseName(image), label: true, example: Self.example)
        let replicas = intent.number("replicas") ?? 1
        guard (1...Self.maximumReplicas).contains(replicas) else {
            throw .invalidValue(
                slot: "replicas", value: String(replicas),
                reason: "a new deployment starts with 1 to \(Self.maximumReplicas) replicas; scale it afterwards")
        }
        if let port = intent.number("port"), !(1...65_535).contains(port) {
            throw .invalidValue(slot: "port", value: String(port), reason: "a port is 1 to 65535")
        }
        let labels = try NewObject.labels(intent["labels"]?.list ?? [], selector: ("app", name))
        let namespace = try await context.creationNamespace(of: intent)
        let command = try BatchPlanner.command(intent["command"])
        var notes: [String] = []
        let environment = try await PodPlanner.environment(
            intent, request: request, namespace: namespace, context: context, notes: &notes)
        let container = try PodPlanner.container(
            intent, name: name, image: image, command: command, environment: environment)
        let selector: Manifest = ["app": .string(name)]
        let podLabels = Manifest.map(
            ([("app", name)] + labels).map { .init(key: $0.0, value: .string($0.1)) })
        let object = NewObject(
            kind: "deployment", name: name, namespace: namespace,
            manifest: [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": NewObject.metadata(name: name, namespace: namespace, labels: [("app", name)] + labels),
                "spec": .fields([
                    ("replicas", .int(replicas)),
                    ("selector", ["matchLabels": selector]),
                    ("template", ["metadata": ["labels": podLabels], "spec": ["containers": [container]]]),
                ]),
            ],
            check: ("{{.spec.replicas}} {{range .spec.template.spec.containers}}{{.image}}{{end}}", "\(replicas) \(image)"),
            what: "deployment \(name) in \(namespace)")
        let rollout = PlanStep(
            argv: context.kubectl(
                "rollout", "status", object.reference, "--namespace=\(namespace)",
                "--timeout=\(Self.rolloutSeconds)s"),
            mutating: false, summary: "wait until its \(replicas == 1 ? "pod is" : "\(replicas) pods are") ready",
            timeoutSeconds: Self.rolloutSeconds + 15)
        if intent.number("replicas") == nil { notes.append("1 replica (say: with 3 replicas, for more)") }
        let running = command.isEmpty ? "" : " (\(command.joined(separator: " ")))"
        let outcome =
            "deployment \(name) in \(namespace) runs \(image)\(running) with \(replicas) ready "
            + (replicas == 1 ? "replica" : "replicas")
        return try await context.creationPlan(
            [object], intent: intent, request: request, notes: notes, outcome: outcome, after: [rollout])
    }
}
