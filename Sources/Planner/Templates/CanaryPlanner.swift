import Foundation
import Intent

/// Plans `canary`: a new Deployment `NAME-canary` beside an existing deployment, running a new image in the pod
/// template the deployment runs, so that the Service in front of it sends the canary a share of the requests.
///
/// The pod template is the deployment's own, read from the cluster (``ClusterFieldReader``, `{.spec.template}` and
/// `{.spec.selector}` as JSON) and copied field for field; only the image of the container that ran the old one
/// changes, and the label `track: canary` is added to the pod template and to the canary's selector, so that the
/// canary's ReplicaSet never counts the stable pods as its own. Without that read (offline, or a reader that cannot
/// read fields) nothing is planned: a template is not guessed.
///
/// A Service spreads requests over the ready pods it selects, so the share is set by replica counts: the canary gets
/// max(1, round(stable × p / (100 − p))) replicas, and the plan says the share that count really gives.
struct CanaryPlanner: ActionPlanner {
    let actions = ["canary"]
    static let example = "canary api in shop with shop/api:3.3 at 10% of traffic"
    static let trackLabel = "track"
    static let trackValue = "canary"

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let resolved = try await context.resolveDeployment(
            intent, verb: "given a canary", example: Self.example,
            onlyDeployments: "kagent makes a canary beside a deployment only")
        let stable = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        guard let image = intent.text("image") else {
            throw .invalidValue(
                slot: "image", value: "",
                reason: "say which image the canary runs, for example: canary \(stable.name) with IMAGE:TAG at 10%")
        }
        guard SlotParsing.image(image) != nil else {
            throw .invalidValue(slot: "image", value: image, reason: "not an image reference (repository[:tag])")
        }
        guard let percent = intent.number("percent") else {
            throw .invalidValue(
                slot: "percent", value: "",
                reason: "say what share of the traffic the canary takes, for example: canary \(stable.name) with "
                    + "\(image) at 10%")
        }
        guard (1...99).contains(percent) else {
            throw .invalidValue(
                slot: "percent", value: "\(percent)%",
                reason:
                    "a canary takes a share between 1% and 99% (for all of the traffic: update \(stable.name) to \(image))"
            )
        }
        let canaryName = "\(stable.name)-canary"
        if let problem = KubernetesName.subdomainProblem(canaryName) {
            throw .invalidValue(slot: "name", value: canaryName, reason: problem)
        }
        guard let cluster = context.cluster else {
            throw .needsCluster(
                "a canary copies the pod template of \(stable.reference) from the cluster, and --offline does not read "
                    + "it; drop --offline")
        }
        let namespace = stable.namespace
        let deployments = try await cluster.objects(kinds: ["deployment"], namespace: namespace)
        if deployments.contains(where: { $0.kind == "deployment" && $0.name == canaryName && $0.namespace == namespace }
        ) {
            throw .invalidValue(
                slot: "name", value: canaryName,
                reason: "\(stable.name) has a canary already (deployment/\(canaryName) in \(namespace)); change it "
                    + "(update \(canaryName) to \(image), scale \(canaryName) to N) or delete it first")
        }
        let container = try Self.container(for: image, named: intent.text("container"), in: stable)
        guard stable.replicas > 0 else {
            throw .invalidValue(
                slot: "name", value: stable.name,
                reason: "\(stable.displayName) has \(max(stable.replicas, 0)) replicas; a canary's share is counted "
                    + "against the stable pods: scale \(stable.name) up first")
        }
        guard let reader = cluster as? any ClusterFieldReader else {
            throw .needsCluster(
                "the pod template of \(stable.displayName) could not be read while planning; kagent copies it "
                    + "exactly and does not guess it, so nothing was planned")
        }
        let template = try Self.json(
            try await reader.field("{.spec.template}", of: stable), of: stable, field: "spec.template")
        let selector = try Self.json(
            try await reader.field("{.spec.selector}", of: stable), of: stable, field: "spec.selector")
        let canaryTemplate = try Self.canaryTemplate(template, container: container, image: image, of: stable)
        let canarySelector = Self.adding(Self.trackLabel, Self.trackValue, toMatchLabelsOf: selector)
        let labels = Self.labels(of: canaryTemplate)

        let replicas = Self.canaryReplicas(stable: stable.replicas, percent: percent)
        let total = stable.replicas + replicas
        let share = Double(replicas) * 100 / Double(total)
        let shareText = share == share.rounded() ? "\(Int(share))%" : String(format: "%.1f%%", share)
        notes.append(
            "\(replicas) of \(total) pods: \(shareText) of requests"
                + (Int(share.rounded()) == percent && share == share.rounded() ? "" : ", not \(percent)%")
                + ", with \(stable.replicas) \(stable.replicas == 1 ? "replica" : "replicas") of \(stable.name)"
                + (Int(share.rounded()) == percent && share == share.rounded()
                    ? "" : "; scale \(stable.name) up for a finer share")
                + " (a Service spreads requests over the ready pods it selects)")
        notes.append(try await Self.trafficNote(stable: stable, canaryLabels: labels, cluster: cluster))
        notes.append(
            "the canary runs \(image) in container \(container); the rest of \(stable.name)'s pod template is copied as it is"
        )

        let object = NewObject(
            kind: "deployment", name: canaryName, namespace: namespace,
            manifest: [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": NewObject.metadata(name: canaryName, namespace: namespace, labels: labels),
                "spec": ["replicas": .int(replicas), "selector": canarySelector, "template": canaryTemplate],
            ],
            check: (
                "{{.spec.replicas}} {{range .spec.template.spec.containers}}{{if eq .name \"\(container)\"}}{{.image}}{{end}}{{end}}",
                "\(replicas) \(image)"
            ),
            what: "deployment \(canaryName) in \(namespace)")
        let rollout = context.rolloutStatusStep(object.object)
        return try await context.creationPlan(
            [object], intent: intent, request: request, notes: notes,
            outcome:
                "canary \(canaryName) in \(namespace) runs \(image) beside \(stable.name): \(replicas) of \(total) "
                + "pods (\(shareText) of requests); to end it: delete deployment \(canaryName) in \(namespace)",
            after: [rollout])
    }

    /// Replicas for the canary so that it has about `percent` of all pods: max(1, round(stable × p / (100 − p))).
    static func canaryReplicas(stable: Int, percent: Int) -> Int {
        max(1, Int((Double(stable) * Double(percent) / Double(100 - percent)).rounded()))
    }

    /// The container whose image the canary changes: the one named; the only one; else the one whose image is of
    /// the new image's repository (the one that ran the old version). Anything else is asked, naming them.
    static func container(for image: String, named: String?, in stable: ClusterObject) throws(PlannerError) -> String {
        let names = stable.containers.map(\.name)
        if let named {
            guard names.contains(named) else {
                throw .invalidValue(
                    slot: "container", value: named,
                    reason:
                        "\(stable.displayName) has no such container; its containers: \(names.joined(separator: ", "))")
            }
            return named
        }
        if stable.containers.count == 1, let only = stable.containers.first { return only.name }
        let repository = PlanningContext.imageRepository(image)
        let matching = stable.containers.filter { PlanningContext.imageRepository($0.image) == repository }
        if matching.count == 1, let match = matching.first { return match.name }
        let list = stable.containers.map { "\($0.name) (\($0.image))" }.joined(separator: ", ")
        throw .invalidValue(
            slot: "container", value: "",
            reason: "\(stable.displayName) has containers \(list); say which one runs \(image), for example: canary "
                + "\(stable.name) with \(image) at 10%, container \(names.first ?? "NAME")")
    }

    // MARK: - The template

    /// The deployment's pod template with the canary's image in `container` and `track: canary` among its labels.
    static func canaryTemplate(_ template: Manifest, container: String, image: String, of stable: ClusterObject)
        throws(PlannerError) -> Manifest
    {
        guard case .map(var fields) = template, let specAt = fields.firstIndex(where: { $0.key == "spec" }),
            case .map(var spec) = fields[specAt].value,
            let containersAt = spec.firstIndex(where: { $0.key == "containers" }),
            case .list(var containers) = spec[containersAt].value
        else {
            throw .cluster(reason: "the pod template of \(stable.displayName) has no containers as read", command: nil)
        }
        guard let at = containers.firstIndex(where: { $0["name"] == .string(container) }),
            case .map(var entries) = containers[at],
            let imageAt = entries.firstIndex(where: { $0.key == "image" })
        else {
            throw .cluster(
                reason: "the pod template of \(stable.displayName) has no container \(container) as read", command: nil)
        }
        entries[imageAt].value = .string(image)
        containers[at] = .map(entries)
        spec[containersAt].value = .list(containers)
        fields[specAt].value = .map(spec)
        var metadata: [Manifest.Entry] = []
        if let metadataAt = fields.firstIndex(where: { $0.key == "metadata" }),
            case .map(let entries) = fields[metadataAt].value
        {
            metadata = entries
            fields.remove(at: metadataAt)
        }
        var labels: [Manifest.Entry] = []
        if let labelsAt = metadata.firstIndex(where: { $0.key == "labels" }),
            case .map(let entries) = metadata[labelsAt].value
        {
            labels = entries
            metadata.remove(at: labelsAt)
        }
        labels.removeAll { $0.key == trackLabel }
        labels.append(.init(key: trackLabel, value: .string(trackValue)))
        metadata.insert(.init(key: "labels", value: .map(labels)), at: 0)
        fields.insert(.init(key: "metadata", value: .map(metadata)), at: 0)
        return .map(fields)
    }

    /// The deployment's selector with `key: value` among its matchLabels (its matchExpressions kept as they are).
    static func adding(_ key: String, _ value: String, toMatchLabelsOf selector: Manifest) -> Manifest {
        guard case .map(var fields) = selector else { return ["matchLabels": [key: .string(value)]] }
        var labels: [Manifest.Entry] = []
        if let at = fields.firstIndex(where: { $0.key == "matchLabels" }), case .map(let entries) = fields[at].value {
            labels = entries
            fields.remove(at: at)
        }
        labels.removeAll { $0.key == key }
        labels.append(.init(key: key, value: .string(value)))
        fields.insert(.init(key: "matchLabels", value: .map(labels)), at: 0)
        return .map(fields)
    }

    /// The pod template's labels, in order.
    static func labels(of template: Manifest) -> [(String, String)] {
        guard case .map(let entries) = template["metadata"]?["labels"] ?? .map([]) else { return [] }
        return entries.compactMap { entry in
            if case .string(let value) = entry.value { return (entry.key, value) }
            return nil
        }
    }

    /// Which Services send the stable pods requests, and whether they send the canary's pods requests too. A canary no
    /// Service reaches would take no share: that is refused.
    static func trafficNote(stable: ClusterObject, canaryLabels: [(String, String)], cluster: any ClusterReader)
        async throws(PlannerError) -> String
    {
        let services = try await cluster.objects(kinds: ["service"], namespace: stable.namespace).filter {
            $0.kind == "service" && !$0.selector.isEmpty
        }
        let canary = Dictionary(canaryLabels, uniquingKeysWith: { _, last in last })
        let podLabels = canary.filter { $0.key != trackLabel }
        let serving = services.filter { service in service.selector.allSatisfy { podLabels[$0.key] == $0.value } }
        guard !serving.isEmpty else {
            return
                "no service selects \(stable.name)'s pods; the canary's pods carry the same labels (and track=canary)"
        }
        let reaching = serving.filter { service in service.selector.allSatisfy { canary[$0.key] == $0.value } }
        guard !reaching.isEmpty else {
            throw .invalidValue(
                slot: "name", value: stable.name,
                reason:
                    "the services in front of \(stable.name) (\(serving.map(\.name).joined(separator: ", "))) select "
                    + "on the label \(trackLabel), so none would send the canary requests")
        }
        return "service \(reaching.map(\.name).joined(separator: ", ")) sends requests to both: it selects "
            + reaching[0].selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    // MARK: - JSON as read

    /// What kubectl printed for a field, as a manifest; a failure to read it is said, never guessed around.
    static func json(_ text: String, of stable: ClusterObject, field: String) throws(PlannerError) -> Manifest {
        func refused(_ problem: String) -> PlannerError {
            .cluster(
                reason: "the \(field) of \(stable.displayName) as kubectl printed it is not JSON kagent can copy "
                    + "(\(problem)); nothing was planned",
                command: nil)
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw refused(error.description)
        }
        guard let manifest = try Manifest.json(value, refused: refused) else { throw refused("an empty value") }
        return manifest
    }
}
