import Intent

/// Plans `create_pod`: one Pod from an image, with what was said of it and nothing else: a command, environment
/// variables (values, or one key of a Secret or ConfigMap), a container port, CPU and memory requests and limits, an
/// emptyDir or ConfigMap volume mounted at a path, labels, an init container, and a restart policy (`Always` unless "once", "never restart" or
/// "on failure" is said).
///
/// A pod that keeps running is verified by `kubectl wait --for=condition=Ready`. A pod that runs once never becomes
/// Ready when it is done (its Ready condition turns False, reason PodCompleted), so it is waited for until its phase
/// is Succeeded with `kubectl wait --for=jsonpath=…`: the wait runs in kubectl (1.23 or newer), the API server's
/// version does not matter (checked against the sandbox's 1.20).
struct PodPlanner: ActionPlanner {
    let actions = ["create_pod"]
    /// How long a pod may take to be ready, or to finish when it runs once.
    static let waitSeconds = 120
    static let example = "create a pod debug with image busybox:1.36 running sleep 3600 in shop"

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let image = try Self.image(intent, what: "the pod", example: Self.example)
        let name = try PlanningContext.newName(
            intent, default: BatchPlanner.imageBaseName(image), label: true, example: Self.example)
        let namespace = try await context.creationNamespace(of: intent)
        let restartPolicy = try Self.restartPolicy(intent)
        let command = try BatchPlanner.command(intent["command"])
        var notes: [String] = []
        let environment = try await Self.environment(
            intent, request: request, namespace: namespace, context: context, notes: &notes)
        let volume = try await Self.volume(intent, namespace: namespace, context: context, notes: &notes)
        let labels = try NewObject.labels(intent["labels"]?.list ?? [])
        let initContainer = try Self.extraContainer(intent, role: "init", mainName: name)
        let sidecar = try Self.extraContainer(intent, role: "sidecar", mainName: name)
        let container = try Self.container(
            intent, name: name, image: image, command: command, environment: environment,
            mounts: volume.map { volume in
                [.fields([
                    ("name", .string(volume.name)), ("mountPath", .string(volume.path)),
                    ("readOnly", volume.readOnly ? .bool(true) : nil),
                ])]
            })
        let object = NewObject(
            kind: "pod", name: name, namespace: namespace,
            manifest: [
                "apiVersion": "v1", "kind": "Pod",
                "metadata": NewObject.metadata(name: name, namespace: namespace, labels: labels),
                "spec": .fields([
                    ("restartPolicy", .string(restartPolicy)),
                    ("initContainers", initContainer.map { [$0] }),
                    ("containers", .list([container] + (sidecar.map { [$0] } ?? []))),
                    ("volumes", volume.map { [$0.source] }),
                ]),
            ],
            // The images of its containers, one after the other (a sidecar's after the pod's own).
            check: ("{{range .spec.containers}}{{.image}}{{end}}", image + (intent.text("sidecar_image") ?? "")),
            what: "pod \(name) in \(namespace)")
        let running = command.isEmpty ? "its image's default command" : command.joined(separator: " ")
        let scope = "--namespace=\(namespace)"
        let wait: PlanStep
        let outcome: String
        if restartPolicy == "Always" {
            wait = PlanStep(
                argv: context.kubectl(
                    "wait", "--for=condition=Ready", object.reference, scope, "--timeout=\(Self.waitSeconds)s"),
                mutating: false, summary: "wait until pod \(name) is ready", timeoutSeconds: Self.waitSeconds + 15)
            outcome = "pod \(name) in \(namespace) runs \(image) (\(running)) and is ready"
            notes.append(
                "restart policy Always: the container is started again whenever it stops (say once to run it once)")
        } else {
            wait = PlanStep(
                argv: context.kubectl(
                    "wait", "--for=jsonpath={.status.phase}=Succeeded", object.reference, scope,
                    "--timeout=\(Self.waitSeconds)s"),
                mutating: false, summary: "wait until pod \(name) has run to completion (phase Succeeded)",
                timeoutSeconds: Self.waitSeconds + 15)
            outcome =
                "pod \(name) in \(namespace) ran \(image) (\(running)) to completion; its output: logs of pod \(name) in \(namespace)"
            notes.append(
                "restart policy \(restartPolicy): "
                    + (restartPolicy == "Never"
                        ? "it runs once" : "it runs until it succeeds, restarted after a failure")
                    + "; the wait needs kubectl 1.23 or newer (--for=jsonpath), and a pod that fails is waited for until the time-out"
            )
        }
        return try await context.creationPlan(
            [object], intent: intent, request: request, notes: notes, outcome: outcome, after: [wait])
    }

    /// The container said: its image, command, port, environment and resources (and volume mounts).
    static func container(
        _ intent: UserIntent, name: String, image: String, command: [String], environment: [Manifest],
        mounts: Manifest? = nil
    ) throws(PlannerError) -> Manifest {
        Manifest.fields([
            ("name", .string(name)),
            ("image", .string(image)),
            ("command", command.isEmpty ? nil : .list(command.map(Manifest.string))),
            ("ports", intent.number("port").map { [["containerPort": .int($0)]] }),
            ("env", environment.isEmpty ? nil : .list(environment)),
            ("resources", try resources(intent)),
            ("volumeMounts", mounts),
        ])
    }

    /// The image said, checked to be an image reference.
    static func image(_ intent: UserIntent, what: String, example: String) throws(PlannerError) -> String {
        guard let image = intent.text("image") else {
            throw .invalidValue(slot: "image", value: "", reason: "say which image \(what) runs, for example: \(example)")
        }
        guard SlotParsing.image(image) != nil else {
            throw .invalidValue(slot: "image", value: image, reason: "not an image reference (repository[:tag])")
        }
        return image
    }

    // MARK: - Init and sidecar containers

    /// A second container said with its own image and command: an init container ("with an init container
    /// busybox:1.36 running sleep 5"), run to completion before the pod's own starts, or a sidecar ("and a
    /// busybox:1.36 sidecar running tail -f /logs/app.log"), run beside it. `role` is the slots' prefix ("init",
    /// "sidecar"), which is also its name (unless the pod's container has that name). A command said for it without
    /// its image is refused.
    static func extraContainer(_ intent: UserIntent, role: String, mainName: String) throws(PlannerError) -> Manifest? {
        let command = try BatchPlanner.command(intent["\(role)_command"])
        guard let image = intent.text("\(role)_image") else {
            guard command.isEmpty else {
                throw .invalidValue(
                    slot: "\(role)_image", value: "",
                    reason: "say the \(role) container's image, for example: with a\(role == "init" ? "n" : "") \(role) "
                        + "container busybox:1.36 running \(command.joined(separator: " "))")
            }
            return nil
        }
        guard SlotParsing.image(image) != nil else {
            throw .invalidValue(slot: "\(role)_image", value: image, reason: "not an image reference (repository[:tag])")
        }
        return Manifest.fields([
            ("name", .string(mainName == role ? "\(role)-0" : role)),
            ("image", .string(image)),
            ("command", command.isEmpty ? nil : .list(command.map(Manifest.string))),
        ])
    }

    // MARK: - Restart policy

    /// `Always` unless the request says otherwise: "once", "never restart" (`Never`), "on failure" (`OnFailure`), or
    /// the policy itself after "restart policy" or `--restart`. Two different policies said are refused.
    static func restartPolicy(_ intent: UserIntent) throws(PlannerError) -> String {
        var said: [String] = []
        if intent["once"] != nil { said.append("Never") }
        if intent["onfailure"] != nil { said.append("OnFailure") }
        if let word = intent.text("restart") {
            let policies = ["always": "Always", "never": "Never", "onfailure": "OnFailure", "on-failure": "OnFailure"]
            guard let policy = policies[word.lowercased()] else {
                throw .invalidValue(
                    slot: "restart", value: word, reason: "a pod's restart policy is Always, OnFailure or Never")
            }
            said.append(policy)
        }
        let distinct = said.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard distinct.count <= 1 else {
            throw .invalidValue(
                slot: "restart", value: distinct.joined(separator: ", "),
                reason: "say one restart policy: Always (the default), OnFailure, or Never (once)")
        }
        return distinct.first ?? "Always"
    }

    // MARK: - Environment from a Secret or ConfigMap

    /// The container's `env`: the KEY=VALUE pairs said, then the one variable set from a key of a Secret or
    /// ConfigMap (``environmentReference(_:request:namespace:context:notes:)``).
    static func environment(
        _ intent: UserIntent, request: String, namespace: String, context: PlanningContext, notes: inout [String]
    ) async throws(PlannerError) -> [Manifest] {
        var environment = try BatchPlanner.environment(intent["env"]?.list ?? [])
        if let reference = try await environmentReference(
            intent, request: request, namespace: namespace, context: context, notes: &notes)
        {
            environment.append(reference)
        }
        return environment
    }

    /// One variable set from a key of a Secret or ConfigMap (`valueFrom.secretKeyRef` / `configMapKeyRef`), when
    /// one was said. The Secret or ConfigMap must exist (names only are read, never a secret's data).
    static func environmentReference(
        _ intent: UserIntent, request: String, namespace: String, context: PlanningContext, notes: inout [String]
    ) async throws(PlannerError) -> Manifest? {
        let secret = intent.text("secret"), configMap = intent.text("configmap")
        guard secret != nil || configMap != nil else {
            if intent.text("env_secret") != nil || intent.text("env_configmap") != nil || intent.text("key") != nil {
                throw .invalidValue(
                    slot: "env", value: intent.text("env_secret") ?? intent.text("env_configmap") ?? "",
                    reason: "say where the value comes from, for example: with DB_URL from secret db-creds key url")
            }
            return nil
        }
        let isSecret = secret != nil
        let kind = isSecret ? "secret" : "configmap"
        let source = secret ?? configMap ?? ""
        let example = "with DB_URL from \(kind) \(source) key url"
        guard let said = intent.text(isSecret ? "env_secret" : "env_configmap") else {
            throw .invalidValue(slot: "env", value: "", reason: "say which variable it sets, for example: \(example)")
        }
        let variable = try typed(said, in: request)
        guard let first = variable.first, !first.isNumber,
            variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw .invalidValue(slot: "env", value: variable, reason: "not an environment variable's name")
        }
        guard let saidKey = intent.text("key") else {
            throw .invalidValue(
                slot: "key", value: "", reason: "say which key of \(kind) \(source) it takes, for example: \(example)")
        }
        let key = try typed(saidKey, in: request)
        if let problem = KubernetesName.subdomainProblem(source) {
            throw .invalidValue(slot: kind, value: source, reason: problem)
        }
        try await requireExisting(kind, named: source, namespace: namespace, context: context, notes: &notes)
        notes.append(
            "\(variable) is the value of key \(key) of \(kind) \(source); kagent does not read the key while planning: "
                + "a missing key keeps the pod from starting (CreateContainerConfigError)")
        let reference: Manifest = ["name": .string(source), "key": .string(key)]
        return [
            "name": .string(variable),
            "valueFrom": isSecret ? ["secretKeyRef": reference] : ["configMapKeyRef": reference],
        ]
    }

    /// A word as the request typed it: slots hold words lower-cased, while variable names and keys keep their case
    /// (`DB_URL`). The same word typed in two casings is refused rather than one of them picked.
    static func typed(_ lowered: String, in request: String) throws(PlannerError) -> String {
        let trim = Set(",.;:!?\"'`()[]{}")
        let spellings = request.split(whereSeparator: \.isWhitespace).map { word in
            String(word.drop { trim.contains($0) }.reversed().drop { trim.contains($0) }.reversed())
        }
        var found: [String] = []
        for spelling in spellings where spelling.lowercased() == lowered && !found.contains(spelling) {
            found.append(spelling)
        }
        guard found.count <= 1 else {
            throw .invalidValue(
                slot: "env", value: lowered,
                reason: "said in two spellings (\(found.joined(separator: ", "))); say it once")
        }
        return found.first ?? lowered
    }

    /// Refuses a Secret or ConfigMap the cluster does not have in the namespace, naming the ones it has; offline,
    /// the plan says it was not checked.
    static func requireExisting(
        _ kind: String, named name: String, namespace: String, context: PlanningContext, notes: inout [String]
    ) async throws(PlannerError) {
        guard let cluster = context.cluster else {
            notes.append("whether \(kind) \(name) exists in \(namespace) was not checked (offline)")
            return
        }
        let existing = try await cluster.objects(kinds: [kind], namespace: namespace).filter {
            $0.kind == kind && $0.namespace == namespace
        }
        guard !existing.contains(where: { $0.name == name }) else { return }
        let create =
            kind == "secret" ? "create secret \(name) with KEY=VALUE" : "create configmap \(name) with KEY=VALUE"
        throw .invalidValue(
            slot: kind, value: name,
            reason:
                "there is no \(kind) \(name) in namespace \(namespace), so the pod could not start; create it first "
                + "(\(create) in \(namespace))"
                + (existing.isEmpty
                    ? "" : "; \(kind)s there: \(existing.prefix(6).map(\.name).joined(separator: ", "))"))
    }

    // MARK: - Resources and volumes

    /// `resources.limits` and `resources.requests` from the amounts said, each by its own slot ("memory limit
    /// 256Mi") or together (`amounts`: "limits cpu 500m memory 256Mi", "128Mi memory request and limit 256Mi");
    /// nil when none was. One amount said twice with two values is refused.
    static func resources(_ intent: UserIntent) throws(PlannerError) -> Manifest? {
        var said: [String: String] = [:]
        for (slot, key) in [
            ("cpu", "limits.cpu"), ("memory", "limits.memory"), ("request_cpu", "requests.cpu"),
            ("request_memory", "requests.memory"),
        ] {
            if let value = intent.text(slot) { try addAmount(key, value, to: &said) }
        }
        for (key, value) in try containerAmounts(intent["amounts"]?.list ?? []) { try addAmount(key, value, to: &said) }
        func amounts(_ section: String) -> Manifest? {
            let fields: [(String, Manifest?)] = [
                ("cpu", said["\(section).cpu"].map(Manifest.string)),
                ("memory", said["\(section).memory"].map(Manifest.string)),
            ]
            return fields.allSatisfy({ $0.1 == nil }) ? nil : .fields(fields)
        }
        let limits = amounts("limits"), requests = amounts("requests")
        guard limits != nil || requests != nil else { return nil }
        return .fields([("limits", limits), ("requests", requests)])
    }

    /// One amount (`limits.cpu`) added to those said; the same amount said twice with two values is refused.
    static func addAmount(_ key: String, _ value: String, to said: inout [String: String]) throws(PlannerError) {
        if let other = said[key], other != value {
            throw .invalidValue(
                slot: "resources", value: "\(other), \(value)",
                reason: "two amounts for the \(key.replacingOccurrences(of: ".", with: " ")); say one")
        }
        said[key] = value
    }

    /// The amounts said together (``UserIntent`` slot `amounts`, LimitAmounts' `section.resource=amount`) as a
    /// container's `limits.cpu`, `requests.memory`…, in the order said: "default" is what a limit word said,
    /// "defaultRequest" a request word; min and max are refused (they are a limit range's).
    static func containerAmounts(_ entries: [String]) throws(PlannerError) -> [(key: String, value: String)] {
        var amounts: [(key: String, value: String)] = []
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let path = parts[0].split(separator: ".").map(String.init)
            guard parts.count == 2, path.count == 2, ["default", "defaultRequest"].contains(path[0]) else {
                throw .invalidValue(
                    slot: "resources", value: entry,
                    reason: "a container has requests and limits (say: cpu request 100m, memory limit 256Mi); min and "
                        + "max are a limit range's")
            }
            amounts.append(((path[0] == "default" ? "limits." : "requests.") + path[1], parts[1]))
        }
        return amounts
    }

    struct Volume {
        var name: String
        var path: String
        var source: Manifest
        var readOnly: Bool
    }

    /// The one volume said (an emptyDir, or a ConfigMap or Secret, which must exist) and where it is mounted. A
    /// Secret is mounted read-only; kagent reads its name only, never its data.
    static func volume(_ intent: UserIntent, namespace: String, context: PlanningContext, notes: inout [String])
        async throws(PlannerError) -> Volume?
    {
        var sources: [(kind: String, name: String?)] = []
        if let configMap = intent.text("mount_configmap") { sources.append(("configmap", configMap)) }
        if let secret = intent.text("mount_secret") { sources.append(("secret", secret)) }
        if intent["emptydir"] != nil { sources.append(("emptydir", nil)) }
        let path = intent.text("mount_path")
        guard sources.count <= 1 else {
            throw .invalidValue(
                slot: "volume", value: sources.compactMap(\.name).joined(separator: ", "),
                reason: "kagent mounts one volume in a new pod; say an emptyDir, a configmap or a secret, with one path")
        }
        guard let source = sources.first else {
            if let path {
                throw .invalidValue(
                    slot: "mount_path", value: path,
                    reason: "say what is mounted there, for example: mount configmap todo-settings at \(path), "
                        + "or: with an emptydir at \(path)")
            }
            return nil
        }
        let what = source.name.map { "\(source.kind) \($0)" } ?? "the emptydir"
        guard let path else {
            throw .invalidValue(
                slot: "mount_path", value: "", reason: "say where to mount \(what), for example: at /data")
        }
        guard path.hasPrefix("/"), !path.contains(":") else {
            throw .invalidValue(
                slot: "mount_path", value: path, reason: "a mount path is absolute (/data), without ':'")
        }
        guard let object = source.name else {
            return Volume(name: "scratch", path: path, source: ["name": "scratch", "emptyDir": .map([])], readOnly: false)
        }
        if let problem = KubernetesName.subdomainProblem(object) {
            throw .invalidValue(slot: source.kind, value: object, reason: problem)
        }
        try await requireExisting(source.kind, named: object, namespace: namespace, context: context, notes: &notes)
        let name = KubernetesName.labelProblem(object) == nil ? object : source.kind
        if source.kind == "secret" {
            return Volume(
                name: name, path: path,
                source: ["name": .string(name), "secret": ["secretName": .string(object)]], readOnly: true)
        }
        return Volume(
            name: name, path: path,
            source: ["name": .string(name), "configMap": ["name": .string(object)]], readOnly: false)
    }
}
