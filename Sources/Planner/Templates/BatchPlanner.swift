import Intent

/// Plans `create_job` (a one-off Job: an image, its command, its environment) and `create_cronjob` (the same on a
/// schedule: "every 5 minutes", "daily at 2am", or cron text).
///
/// A Job is verified by waiting until it completes; a CronJob by reading back its schedule. The CronJob's API
/// version is the newest the cluster serves (`batch/v1` from Kubernetes 1.21, `batch/v1beta1` before).
struct BatchPlanner: ActionPlanner {
    let actions = ["create_job", "create_cronjob"]
    /// How long a Job may take to complete before the plan says it did not.
    static let jobTimeoutSeconds = 120

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let cron = intent.action == "create_cronjob"
        let example =
            cron
            ? "create a cronjob cleanup with image busybox:1.36 every 5 minutes running echo hi"
            : "create a job migrate with image busybox:1.36 running echo done"
        guard let image = intent.text("image") else {
            throw .invalidValue(slot: "image", value: "", reason: "say which image it runs, for example: \(example)")
        }
        guard SlotParsing.image(image) != nil else {
            throw .invalidValue(slot: "image", value: image, reason: "not an image reference (repository[:tag])")
        }
        let fallback = Self.imageBaseName(image)
        let name = try PlanningContext.newName(intent, default: fallback, label: true, example: example)
        let namespace = try await context.creationNamespace(of: intent)
        let command = try Self.command(intent["command"])
        let environment = try Self.environment(intent["env"]?.list ?? [])
        let container = Manifest.fields([
            ("name", .string(name)),
            ("image", .string(image)),
            ("command", command.isEmpty ? nil : .list(command.map(Manifest.string))),
            ("env", environment.isEmpty ? nil : .list(environment)),
        ])
        let podTemplate: Manifest = ["spec": ["restartPolicy": "Never", "containers": [container]]]
        let jobSpec: Manifest = ["backoffLimit": 0, "template": podTemplate]
        let running = command.isEmpty ? "its image's default command" : command.joined(separator: " ")
        if !cron {
            let object = NewObject(
                kind: "job", name: name, namespace: namespace,
                manifest: [
                    "apiVersion": "batch/v1", "kind": "Job",
                    "metadata": NewObject.metadata(name: name, namespace: namespace),
                    "spec": jobSpec,
                ],
                check: ("{{range .spec.template.spec.containers}}{{.image}}{{end}}", image),
                what: "job \(name) in \(namespace)")
            let wait = PlanStep(
                argv: context.kubectl(
                    "wait", "--for=condition=complete", object.reference, "--namespace=\(namespace)",
                    "--timeout=\(Self.jobTimeoutSeconds)s"),
                mutating: false, summary: "wait until job \(name) completes",
                timeoutSeconds: Self.jobTimeoutSeconds + 15)
            return try await context.creationPlan(
                [object], intent: intent, request: request,
                notes: ["it runs \(image) once: \(running); a failure is not retried (backoffLimit 0)"],
                outcome: "job \(name) in \(namespace) ran \(running) to completion; its output: logs of job \(name) in \(namespace)",
                after: [wait])
        }
        guard let said = intent.text("schedule") else {
            throw .invalidValue(
                slot: "schedule", value: "",
                reason: "say when it runs: every 5 minutes, hourly, daily at 2am, every monday at 9, or cron text such as \"*/5 * * * *\"")
        }
        guard let schedule = SlotParsing.schedule(said) else {
            throw .invalidValue(slot: "schedule", value: said, reason: "not a schedule kagent can read into cron's five fields")
        }
        let version =
            try await context.cluster?.serves(resource: "cronjobs", in: "batch/v1") ?? true ? "batch/v1" : "batch/v1beta1"
        let object = NewObject(
            kind: "cronjob", name: name, namespace: namespace,
            manifest: [
                "apiVersion": .string(version), "kind": "CronJob",
                "metadata": NewObject.metadata(name: name, namespace: namespace),
                "spec": [
                    "schedule": .string(schedule), "concurrencyPolicy": "Forbid", "jobTemplate": ["spec": jobSpec],
                ],
            ],
            check: ("{{.spec.schedule}}", schedule), what: "cron job \(name) in \(namespace)")
        return try await context.creationPlan(
            [object], intent: intent, request: request,
            notes: ["schedule \"\(schedule)\" (\(SlotParsing.describe(schedule: schedule))), in the cluster's time zone"],
            outcome: "cron job \(name) in \(namespace) runs \(image) \(SlotParsing.describe(schedule: schedule)): "
                + running)
    }

    /// `busybox:1.36` → `busybox`, `shop/api:3` → `api`: a name for a job whose name was not said.
    static func imageBaseName(_ image: String) -> String {
        let path = image.split(separator: "@").first.map(String.init) ?? image
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let base = last.split(separator: ":").first.map(String.init) ?? last
        let cleaned = base.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(cleaned).split(separator: "-").joined(separator: "-")
    }

    /// The container's command, one argument a word as said (a quoted part is one argument: `sh -c 'rm -rf /x/*'`).
    /// A command said as one quoted line (`` `python report.py` ``) is split at its spaces, or run by `sh -c` when it
    /// uses the shell (a pipe, `&&`, a redirection).
    static func command(_ value: SlotValue?) throws(PlannerError) -> [String] {
        guard let value else { return [] }
        let words = value.list ?? value.text.map { [$0] } ?? []
        guard words.count == 1, let line = words.first else { return words }
        if line.contains(where: { "|&;<>$`".contains($0) }) { return ["sh", "-c", line] }
        return line.split(separator: " ").map(String.init)
    }

    /// `KEY=VALUE` pairs as a container's `env`. A value that looks secret is refused: it belongs in a Secret.
    static func environment(_ pairs: [String]) throws(PlannerError) -> [Manifest] {
        try pairs.map { pair throws(PlannerError) -> Manifest in
            let key = String(pair.prefix { $0 != "=" })
            let valid = !key.isEmpty && key.first?.isNumber == false
                && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            guard pair.contains("="), valid else {
                throw .invalidValue(slot: "env", value: key, reason: "an environment variable is NAME=value")
            }
            if SecretPolicy.isSecretKey(key) {
                throw .invalidValue(
                    slot: "env", value: key,
                    reason: "a secret value does not go in a manifest; put it in a secret (create secret …) first")
            }
            return ["name": .string(key), "value": .string(String(pair.dropFirst(key.count + 1)))]
        }
    }
}
