import Intent

/// Plans `build_deploy` ("build and deploy the backend"): `docker build` from the project's Dockerfile, the
/// image brought to the cluster the way the current context needs (`minikube image load` for minikube,
/// `kind load docker-image` for kind, `docker push` to a registry the user names otherwise), then the workload
/// given the image (`kubectl set image`, or `rollout restart` when the tag is unchanged) and its rollout waited for.
struct BuildDeployPlanner: ActionPlanner {
    let actions = ["build_deploy"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let target = intent.text("target") else {
            throw .invalidValue(
                slot: "target", value: "", reason: "say what to build, for example: build and deploy the backend")
        }
        guard let project = context.project else {
            throw .invalidValue(
                slot: "request", value: request, reason: "kagent cannot see a project folder here; give --project-dir")
        }
        let dockerfile = try project.inventory().dockerfile(named: target)
        let resolved = try await context.resolve(target, kinds: PlanningContext.rolloutKinds, for: intent)
        let workload = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        notes.insert("'\(target)' is built from \(dockerfile.path)", at: 0)

        // The image: the workload's current repository (or the folder's name) with the tag asked, else "dev".
        let container = workload.containers.count == 1 ? workload.containers.first : nil
        if !workload.containers.isEmpty, container == nil {
            throw .invalidValue(
                slot: "target", value: target,
                reason:
                    "\(workload.reference) has containers \(workload.containers.map(\.name).joined(separator: ", ")); "
                    + "build with: build an image from \(dockerfile.folder) tagged IMAGE, then set the image")
        }
        let current = container?.image
        let currentRepository = current.map(PlanningContext.imageRepository)
        let tag = intent.text("tag") ?? "dev"
        let contextName = context.effectiveContext ?? ""
        var steps: [PlanStep] = []
        let image: String
        if let registry = intent.text("registry") {
            let name = ProjectNames.lastComponent(currentRepository ?? dockerfile.name)
            image = "\(registry)/\(name):\(tag)"
        } else {
            image = "\(currentRepository ?? dockerfile.name):\(tag)"
        }
        steps.append(
            PlanStep(
                argv: ["docker", "build", "--tag=\(image)", dockerfile.folder], mutating: true,
                summary: "build image \(image) from \(dockerfile.folder)",
                timeoutSeconds: DockerPlanner.buildTimeoutSeconds
            ).irreversible("the built image \(image) stays in the local Docker engine (docker rmi \(image) removes it)")
        )
        if intent.text("registry") != nil {
            steps.append(
                PlanStep(
                    argv: ["docker", "push", image], mutating: true, summary: "push \(image) to its registry",
                    timeoutSeconds: 900
                ).irreversible("a pushed image stays in the registry; kagent does not delete it there"))
        } else if contextName == "minikube" {
            steps.append(
                PlanStep(
                    argv: ["minikube", "image", "load", image], mutating: true,
                    summary: "load \(image) into minikube's container runtime", timeoutSeconds: 600
                ).irreversible("the loaded image stays in minikube's container runtime"))
        } else if contextName.hasPrefix("kind-") {
            let cluster = String(contextName.dropFirst("kind-".count))
            steps.append(
                PlanStep(
                    argv: ["kind", "load", "docker-image", image, "--name=\(cluster)"], mutating: true,
                    summary: "load \(image) into the nodes of kind cluster \(cluster)", timeoutSeconds: 600
                ).irreversible("the loaded image stays on the nodes of kind cluster \(cluster)"))
        } else {
            throw .invalidValue(
                slot: "registry", value: "",
                reason:
                    "context '\(contextName.isEmpty ? "(none)" : contextName)' is neither minikube nor kind, so the "
                    + "image must go through a registry; say which, for example: build and deploy the \(target) "
                    + "to registry.example.com")
        }
        if current == image {
            steps.append(
                context.changeStep(
                    ["rollout", "restart", workload.reference] + context.namespaceArguments(for: workload),
                    summary: "restart \(workload.reference) so its pods start from the new \(image)"
                ).irreversible("a restart replaces the pods of \(workload.displayName); the old pods cannot come back"))
            notes.append("\(workload.reference) already runs \(image): it is restarted to pick up the new build")
        } else {
            let name = container?.name ?? ProjectNames.lastComponent(currentRepository ?? dockerfile.name)
            steps.append(
                context.changeStep(
                    ["set", "image", workload.reference, "\(name)=\(image)"]
                        + context.namespaceArguments(for: workload),
                    summary: "run \(image) in container \(name) of \(workload.reference)"
                ).undone(by: SetImagePlanner.reversal(of: workload, changing: [name], context: context)))
        }
        steps.append(context.rolloutStatusStep(workload))
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "\(workload.displayName) runs \(image), built from \(dockerfile.folder)", subjects: [workload])
    }
}
