import Intent

/// Plans the local Docker actions: `docker_build`, `docker_images`, `docker_ps` and `docker_logs`.
struct DockerPlanner: ActionPlanner {
    let actions = ["docker_build", "docker_images", "docker_ps", "docker_logs"]
    static let defaultTail = 100
    static let buildTimeoutSeconds = 1_800

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let step: PlanStep
        let outcome: String
        var notes: [String] = []
        switch intent.action {
        case "docker_build":
            let path: String
            if let said = intent.text("path") {
                path = said
            } else if let target = intent.text("target"), let project = context.project {
                // "a container image out of the todo frontend folder": the project's one Dockerfile of that name.
                let dockerfile = try project.inventory().dockerfile(named: target)
                path = dockerfile.folder
                notes.append("'\(target)' is built from \(dockerfile.path)")
            } else {
                throw .invalidValue(
                    slot: "path", value: intent.text("target") ?? "",
                    reason: "say which folder to build, for example: build an image from ./backend tagged backend:dev")
            }
            let tag = intent.text("tag")
            let argv = ["docker", "build"] + (tag.map { ["--tag=\($0)"] } ?? []) + [path]
            step = PlanStep(
                argv: argv, mutating: true,
                summary: "build an image from \(path)" + (tag.map { " tagged \($0)" } ?? " (untagged)"),
                timeoutSeconds: Self.buildTimeoutSeconds
            ).irreversible(
                "kagent leaves the built image in the local Docker engine"
                    + (tag.map { " (docker rmi \($0) removes it)" } ?? ""))
            outcome = tag.map { "built image \($0) from \(path)" } ?? "built an untagged image from \(path)"
        case "docker_images":
            let repository = intent.text("repository")
            step = PlanStep(
                argv: ["docker", "images"] + (repository.map { [$0] } ?? []), mutating: false,
                summary: repository.map { "list the local images of \($0)" } ?? "list the local images")
            outcome = "listed the local images"
        case "docker_ps":
            let all = intent.text("scope") == "all"
            step = PlanStep(
                argv: ["docker", "ps"] + (all ? ["--all"] : []), mutating: false,
                summary: all ? "list every container, stopped ones too" : "list the running containers")
            outcome = all ? "listed every container" : "listed the running containers"
        default:
            guard let container = intent.text("container") else {
                throw .invalidValue(
                    slot: "container", value: "", reason: "say which container, for example: docker logs mongo")
            }
            let lines = try Self.tail(intent)
            step = PlanStep(
                argv: ["docker", "logs", "--tail=\(lines)", container], mutating: false,
                summary: "show the last \(lines) lines of container \(container)'s logs")
            outcome = "showed the logs of container \(container)"
        }
        return ExecutionPlan(request: request, intents: [intent], steps: [step], notes: notes, outcome: outcome)
    }

    /// How many lines of logs: the request's count (1–10000), else 100.
    static func tail(_ intent: UserIntent) throws(PlannerError) -> Int {
        guard let lines = intent.number("lines") else { return defaultTail }
        guard (1...10_000).contains(lines) else {
            throw .invalidValue(slot: "lines", value: String(lines), reason: "ask for 1 to 10000 lines")
        }
        return lines
    }
}
