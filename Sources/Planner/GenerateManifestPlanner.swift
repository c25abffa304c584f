import Intent

/// Plans `generate_deployment`: a Deployment manifest made by kubectl on the client
/// (`kubectl create deployment NAME --image=IMAGE [--port=PORT] --dry-run=client --output=yaml`), shown, then
/// written to the file the user names (a new file; nothing is sent to the cluster).
struct GenerateManifestPlanner: ActionPlanner {
    let actions = ["generate_deployment"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name") else {
            throw .invalidValue(
                slot: "name", value: "",
                reason: "say the deployment's name, for example: generate a deployment for web with image nginx:1.27")
        }
        if let problem = KubernetesName.subdomainProblem(name) {
            throw .invalidValue(slot: "name", value: name, reason: problem)
        }
        guard let image = intent.text("image") else {
            throw .invalidValue(
                slot: "image", value: "", reason: "say the image, for example: with image \(name):latest")
        }
        var arguments = ["create", "deployment", name, "--image=\(image)"]
        if let port = intent.number("port") {
            guard (1...65_535).contains(port) else {
                throw .invalidValue(slot: "port", value: String(port), reason: "a port is 1 to 65535")
            }
            arguments.append("--port=\(port)")
        }
        if let replicas = intent.number("replicas") { arguments.append("--replicas=\(replicas)") }
        // Only a namespace the user said goes into the manifest; the cluster is not contacted.
        if let namespace = try context.namespace(of: intent) { arguments.append("--namespace=\(namespace)") }
        arguments += ["--dry-run=client", "--output=yaml"]
        let argv = context.kubectl(arguments)
        var steps = [
            PlanStep(
                argv: argv, mutating: false, summary: "show the manifest of deployment \(name) (made on the client)")
        ]
        guard let file = intent.text("file") else {
            return ExecutionPlan(
                request: request, intents: [intent], steps: steps,
                notes: ["to write it to a file, say so: \(request) to \(name)-deployment.yaml"],
                outcome: "showed the manifest of deployment \(name)")
        }
        guard file.hasSuffix(".yaml") || file.hasSuffix(".yml") else {
            throw .invalidValue(slot: "file", value: file, reason: "the manifest is YAML: name a .yaml file")
        }
        if context.project?.fileExists(file) == true {
            throw .invalidValue(
                slot: "file", value: file, reason: "it exists already; kagent never overwrites it: name a new file")
        }
        var write = PlanStep(argv: argv, mutating: true, summary: "write that manifest to \(file)", timeoutSeconds: 30)
            .irreversible("kagent never deletes files: remove \(file) yourself if you do not want it")
        write.outputFile = file
        steps.append(write)
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps,
            outcome: "wrote the manifest of deployment \(name) (image \(image)) to \(file); "
                + "apply it with: kubectl apply -f \(file)")
    }
}
