import Intent

/// Plans `create_namespace`, `create_configmap` and `create_secret`.
///
/// Each is one `kubectl create` validated with `--dry-run=server`, then a read-back that only succeeds
/// once the object is there. Secret values go to kubectl on standard input (`--from-env-file=/dev/stdin`):
/// they are never in an argv, a summary, a note or the outcome.
struct CreatePlanner: ActionPlanner {
    let actions = ["create_namespace", "create_configmap", "create_secret"]
    /// Words of the request's phrasing that can land in the name slot when the name is left out.
    static let connectives: Set<String> = ["with", "from", "containing", "holding", "called", "named", "in", "data"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        switch intent.action {
        case "create_namespace": return try await namespace(intent, request: request, context: context)
        default: return try await keyed(intent, request: request, context: context)
        }
    }

    // MARK: - Namespace

    private func namespace(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        // "create namespace staging" fills `name`; "create the staging namespace" is read as a namespace clause.
        guard let name = intent.text("name") ?? intent.text("namespace") else {
            throw .invalidValue(
                slot: "name", value: "", reason: "say the new namespace's name, for example: create namespace staging")
        }
        if let problem = KubernetesName.labelProblem(name) {
            throw .invalidValue(slot: "namespace", value: name, reason: problem)
        }
        if let cluster = context.cluster {
            let existing = try await cluster.objects(kinds: ["namespace"], namespace: nil)
            if existing.contains(where: { $0.name == name }) {
                throw .invalidValue(
                    slot: "namespace", value: name,
                    reason: "it already exists; say \"use namespace \(name)\" to work in it")
            }
        }
        let create = ["create", "namespace", name]
        let object = ClusterObject(kind: "namespace", name: name, namespace: "")
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [
                PlanStep(
                    argv: context.kubectl(create), mutating: true, summary: "create namespace \(name)",
                    validationArgv: context.kubectl(create + ["--dry-run=server"]), timeoutSeconds: 30
                ).undone(
                    by: context.deletionReversal(
                        of: object.reference, namespace: nil,
                        what: "namespace \(name) and everything put in it since", confirmation: .typeName(name))),
                PlanStep(
                    argv: context.kubectl("get", "namespace", name, "--output=jsonpath={.status.phase}"),
                    mutating: false, summary: "check that namespace \(name) is active",
                    expectation: .outputEquals("Active"), timeoutSeconds: 30),
            ],
            outcome: "created namespace \(name)", subjects: [object])
    }

    // MARK: - ConfigMaps and secrets

    private func keyed(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let isSecret = intent.action == "create_secret"
        let kind = isSecret ? "secret" : "configmap"
        let example =
            isSecret
            ? "create secret db-creds with user=app password=s3cret"
            : "create configmap app-config with LOG_LEVEL=debug"
        guard let name = intent.text("name") else {
            throw .invalidValue(slot: "name", value: "", reason: "say the new \(kind)'s name, for example: \(example)")
        }
        if let problem = KubernetesName.subdomainProblem(name) {
            throw .invalidValue(slot: "name", value: name, reason: problem)
        }
        // "create a configmap with a=1" leaves "with" where the name goes: that is no name.
        if Self.connectives.contains(name) {
            throw .invalidValue(
                slot: "name", value: name, reason: "say the new \(kind)'s name, for example: \(example)")
        }
        let pairs = intent["data"]?.list ?? []
        guard !pairs.isEmpty else {
            throw .invalidValue(
                slot: "data", value: "", reason: "give the \(kind)'s values as KEY=VALUE, for example: \(example)")
        }
        let keys = try Self.keys(of: pairs, kind: kind)
        let namespace = try context.namespace(of: intent) ?? context.defaultNamespace
        if let cluster = context.cluster {
            let existing = try await cluster.objects(kinds: [kind], namespace: namespace)
            if existing.contains(where: { $0.name == name }) {
                throw .invalidValue(
                    slot: "name", value: name,
                    reason: "\(kind) \(name) already exists in namespace \(namespace); kagent does not overwrite it")
            }
        }
        let ns = "--namespace=\(namespace)"
        var create: [String]
        var input: StepInput?
        if isSecret {
            create = ["create", "secret", "generic", name, "--from-env-file=/dev/stdin", ns]
            let count = pairs.count == 1 ? "1 value" : "\(pairs.count) values"
            input = StepInput(
                data: pairs.map { $0 + "\n" }.joined(), shownAs: "\(count) from your request, not shown")
        } else {
            create = ["create", "configmap", name] + pairs.map { "--from-literal=\($0)" } + [ns]
        }
        let keyList = keys.joined(separator: ", ")
        let object = ClusterObject(kind: kind, name: name, namespace: namespace)
        // The read-back lists the keys only (go-template ranges over map keys in sorted order), never values.
        let readBack = PlanStep(
            argv: context.kubectl(
                "get", object.reference, ns, "--output=go-template={{range $key, $value := .data}}{{$key}} {{end}}"),
            mutating: false, summary: "check that \(object.reference) has the keys \(keyList)",
            expectation: .outputEquals(keys.sorted().joined(separator: " ")), timeoutSeconds: 30)
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [
                PlanStep(
                    argv: context.kubectl(create), mutating: true,
                    summary: "create \(kind) \(name) in \(namespace) with \(keyList)",
                    validationArgv: context.kubectl(create + ["--dry-run=server"]), timeoutSeconds: 30, input: input
                ).undone(
                    by: context.deletionReversal(of: object.reference, namespace: namespace, what: "\(kind) \(name)")),
                readBack,
            ],
            outcome: "created \(kind) \(name) in \(namespace) with \(keys.count == 1 ? "key" : "keys") \(keyList)",
            subjects: [object])
    }

    /// The keys of KEY=VALUE pairs, checked as kubectl checks them; the values are never part of a message.
    static func keys(of pairs: [String], kind: String) throws(PlannerError) -> [String] {
        var keys: [String] = []
        for pair in pairs {
            let key = String(pair.prefix { $0 != "=" })
            let valid =
                !key.isEmpty && key.count <= 253
                && key.allSatisfy { ($0.isLetter || $0.isNumber || "-_.".contains($0)) && $0.isASCII }
            guard valid else {
                throw .invalidValue(
                    slot: "data", value: key, reason: "\(kind) keys may contain only letters, digits, '-', '_' and '.'")
            }
            guard !keys.contains(key) else {
                throw .invalidValue(slot: "data", value: key, reason: "the key is given twice")
            }
            keys.append(key)
        }
        return keys
    }
}
