import Intent

/// Plans `set_image`: `kubectl set image` of one container, then `rollout status`.
///
/// The container is the one named; else the only one; else the one whose image repository is the new image's
/// (`shop/api:3.3` replaces `shop/api:3.2`); otherwise the user must say which.
struct SetImagePlanner: ActionPlanner {
    let actions = ["set_image"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: "given a new image",
            example: "set the image of backend to todo-backend:v2")
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        var assignments: [(container: String, image: String)] = []
        if let pairs = intent["assignments"]?.list {
            for pair in pairs {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    throw .invalidValue(
                        slot: "image", value: pair, reason: "write CONTAINER=IMAGE, for example web=nginx:1.22")
                }
                try Self.checkImage(parts[1], name: target.name)
                try Self.checkContainer(parts[0], in: target)
                assignments.append((parts[0], parts[1]))
            }
        } else if intent["image"] == nil, let tag = intent.text("tag") {
            let (container, image) = try Self.retagged(target, tag: tag, container: intent.text("container"))
            assignments.append((container, image))
        } else {
            guard let image = intent.text("image") else {
                throw .invalidValue(
                    slot: "image", value: "", reason: "say the image, for example: update web-app to nginx:1.22")
            }
            try Self.checkImage(image, name: target.name)
            let container = try Self.container(for: image, named: intent.text("container"), in: target)
            assignments.append((container, image))
        }
        for (container, image) in assignments where !image.contains(":") && !image.contains("@") {
            notes.append("\(image) has no tag: Kubernetes pulls \(image):latest for container \(container)")
        }
        let described = assignments.map { "\($0.container)=\($0.image)" }
        let steps = [
            context.changeStep(
                ["set", "image", target.reference] + described + context.namespaceArguments(for: target),
                summary: "set the image of \(target.displayName): \(described.joined(separator: ", "))"
            ).undone(by: Self.reversal(of: target, changing: assignments.map(\.container), context: context)),
            context.rolloutStatusStep(target),
        ]
        let runs = assignments.map { "\($0.image) in container \($0.container)" }.joined(separator: " and ")
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "\(target.displayName) now runs \(runs); the new pods are ready", subjects: [target])
    }

    /// "update the frontend to version 2.3": the container's current image (read while planning) with that tag.
    static func retagged(_ target: ClusterObject, tag: String, container named: String?) throws(PlannerError)
        -> (container: String, image: String)
    {
        let validTag =
            tag.count <= 128 && tag.first.map { $0.isLetter || $0.isNumber || $0 == "_" } == true
            && tag.allSatisfy { ($0.isLetter || $0.isNumber || "_.-".contains($0)) && $0.isASCII }
        guard validTag else {
            throw .invalidValue(slot: "tag", value: tag, reason: "not an image tag (letters, digits, '.', '_', '-')")
        }
        let current: ClusterObject.Container
        if let named {
            guard let found = target.containers.first(where: { $0.name == named }) else {
                throw .invalidValue(
                    slot: "container", value: named,
                    reason: "\(target.displayName) has no such container"
                        + (target.containers.isEmpty
                            ? "" : "; its containers: \(target.containers.map(\.name).joined(separator: ", "))"))
            }
            current = found
        } else if target.containers.count == 1, let only = target.containers.first {
            current = only
        } else if target.containers.isEmpty {
            throw .invalidValue(
                slot: "tag", value: tag,
                reason: "changing only the tag needs the current image, read from the cluster; "
                    + "say the whole image (for example todo-backend:\(tag)), or plan without --offline")
        } else {
            throw .invalidValue(
                slot: "container", value: "",
                reason: "\(target.displayName) has containers \(target.containers.map(\.name).joined(separator: ", ")); "
                    + "say which one gets tag \(tag)")
        }
        var repository = Substring(current.image)
        if let at = repository.firstIndex(of: "@") { repository = repository[..<at] }
        if let colon = repository.lastIndex(of: ":"), !repository[colon...].contains("/") {
            repository = repository[..<colon]
        }
        return (current.name, "\(repository):\(tag)")
    }

    /// Setting the images read while planning back on the containers that change.
    static func reversal(of target: ClusterObject, changing containers: [String], context: PlanningContext)
        -> Reversal
    {
        let previous = containers.compactMap { name in target.containers.first { $0.name == name } }
        guard previous.count == containers.count, !previous.isEmpty else {
            return .impossible(
                "the images to go back to were not read (planned --offline); "
                    + "\"roll back \(target.name)\" returns to the previous revision")
        }
        let described = previous.map { "\($0.name)=\($0.image)" }
        let summary = "set the image of \(target.displayName) back: \(described.joined(separator: ", "))"
        let pinned = context.pinned
        return .steps(
            summary: summary,
            [
                pinned.changeStep(
                    ["set", "image", target.reference] + described + context.namespaceArguments(for: target),
                    summary: summary),
                pinned.rolloutStatusStep(target),
            ])
    }

    /// Refuses what is not an image: a bare number ("update backend to 3") is a replica count, not an image.
    static func checkImage(_ image: String, name: String) throws(PlannerError) {
        let repository = PlanningContext.imageRepository(image)
        guard SlotParsing.image(image) != nil, repository.contains(where: \.isLetter) else {
            throw .invalidValue(
                slot: "image", value: image,
                reason: "not an image reference; say the whole image (update \(name) to nginx:1.22), "
                    + "or to change the replicas: scale \(name) to N")
        }
    }

    /// A named container must exist (when the cluster is read).
    static func checkContainer(_ container: String, in target: ClusterObject) throws(PlannerError) {
        guard KubernetesName.labelProblem(container) == nil else {
            throw .invalidValue(slot: "container", value: container, reason: "not a container name")
        }
        let names = target.containers.map(\.name)
        if !names.isEmpty && !names.contains(container) {
            throw .invalidValue(
                slot: "container", value: container,
                reason: "\(target.displayName) has no such container; its containers: \(names.joined(separator: ", "))")
        }
    }

    /// The container whose image changes.
    static func container(for image: String, named: String?, in target: ClusterObject) throws(PlannerError) -> String {
        if let named {
            try checkContainer(named, in: target)
            return named
        }
        let containers = target.containers
        guard !containers.isEmpty else {
            throw .needsCluster(
                "which container runs the image is read from the cluster, and --offline does not read it; "
                    + "name the container (set the image of container NAME in \(target.name) to \(image)) or drop --offline"
            )
        }
        if containers.count == 1 { return containers[0].name }
        let repository = PlanningContext.imageRepository(image)
        let matching = containers.filter { PlanningContext.imageRepository($0.image) == repository }
        if matching.count == 1 { return matching[0].name }
        let list = containers.map { "container \($0.name) (\($0.image))" }.joined(separator: ", ")
        throw .invalidValue(
            slot: "image", value: image,
            reason:
                "\(target.displayName) has \(containers.count) containers and \(matching.isEmpty ? "none" : "several") "
                + "run \(repository); say which container: set the image of container \(containers[0].name) in "
                + "\(target.name) to \(image) — \(list)")
    }
}
