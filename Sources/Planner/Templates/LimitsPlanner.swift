import Intent

/// Plans `create_quota` (a ResourceQuota: how much a namespace may hold in all) and `create_limitrange` (a
/// LimitRange: the default and largest requests and limits of each container), from the amounts said.
struct LimitsPlanner: ActionPlanner {
    let actions = ["create_quota", "create_limitrange"]

    /// Counted objects a quota can cap, by the slot that says how many, with the quota's key.
    static let counted: [(slot: String, key: String)] = [
        ("pods", "pods"), ("services", "services"), ("secrets", "secrets"), ("configmaps", "configmaps"),
        ("pvcs", "persistentvolumeclaims"),
    ]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        intent.action == "create_quota"
            ? try await quota(intent, request: request, context: context)
            : try await limitRange(intent, request: request, context: context)
    }

    private func quota(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        var hard: [(String, String)] = []
        for (slot, key) in Self.counted {
            if let count = intent[slot]?.number { hard.append((key, String(count))) }
        }
        let prefix = intent["limits"] != nil ? "limits" : "requests"
        if let cpu = intent.text("cpu") { hard.append(("\(prefix).cpu", try Self.cpu(cpu))) }
        if let memory = intent.text("memory") { hard.append(("\(prefix).memory", try Self.memory(memory))) }
        // kubectl's own form: `pods=20`, `requests.cpu=2,limits.memory=8Gi`.
        for pair in (intent["hard"]?.list ?? []).flatMap({ $0.split(separator: ",").map(String.init) }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, Self.quotaKey(parts[0]) else {
                throw .invalidValue(
                    slot: "hard", value: parts[0],
                    reason: "not something a quota caps: pods, services, secrets, configmaps, persistentvolumeclaims, "
                        + "requests.cpu, requests.memory, limits.cpu, limits.memory, requests.storage")
            }
            guard !hard.contains(where: { $0.0 == parts[0] }) else {
                throw .invalidValue(slot: "hard", value: parts[0], reason: "it is given twice")
            }
            let value: String
            if parts[0].hasSuffix("cpu") {
                value = try Self.cpu(parts[1])
            } else if parts[0].hasSuffix("memory") || parts[0].hasSuffix("storage") {
                value = try Self.memory(parts[1])
            } else {
                guard let count = Int(parts[1]), count >= 0 else {
                    throw .invalidValue(slot: "hard", value: pair, reason: "a count is a whole number")
                }
                value = String(count)
            }
            hard.append((parts[0], value))
        }
        guard !hard.isEmpty else {
            throw .invalidValue(
                slot: "hard", value: "",
                reason: "say what the quota caps, for example: a quota of 10 pods, 4 cpu and 8Gi memory in shop")
        }
        let name = try PlanningContext.newName(intent, default: "quota", example: "create a quota of 10 pods in shop")
        let namespace = try await context.creationNamespace(of: intent)
        let object = NewObject(
            kind: "resourcequota", name: name, namespace: namespace,
            manifest: [
                "apiVersion": "v1", "kind": "ResourceQuota",
                "metadata": NewObject.metadata(name: name, namespace: namespace),
                "spec": ["hard": .map(hard.map { .init(key: $0.0, value: .string($0.1)) })],
            ],
            check: (
                hard.map { "{{index .spec.hard \"\($0.0)\"}}" }.joined(separator: " "),
                hard.map { Self.canonical($0.1) }.joined(separator: " ")
            ),
            what: "resource quota \(name) in \(namespace)")
        let said = hard.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        return try await context.creationPlan(
            [object], intent: intent, request: request,
            outcome: "namespace \(namespace) is capped at \(said) (resource quota \(name)); "
                + (hard.contains { $0.0.contains(".") }
                    ? "new pods there must now say their \(prefix) of \(hard.contains { $0.0.hasSuffix("cpu") } ? "cpu" : "memory")"
                    : "new objects beyond it are refused"))
    }

    private func limitRange(_ intent: UserIntent, request: String, context: PlanningContext)
        async throws(PlannerError) -> ExecutionPlan
    {
        // `section.resource=amount` entries ("default.memory=512Mi"), in the order of the sections of a LimitRange.
        var bySection: [String: [(String, String)]] = [:]
        for entry in intent["limits"]?.list ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let key = parts[0].split(separator: ".").map(String.init)
            guard parts.count == 2, key.count == 2, ["default", "defaultRequest", "max", "min"].contains(key[0]) else {
                throw .invalidValue(slot: "limits", value: entry, reason: "not an amount kagent can put in a limit range")
            }
            let amount = key[1] == "cpu" ? try Self.cpu(parts[1]) : try Self.memory(parts[1])
            if bySection[key[0], default: []].contains(where: { $0.0 == key[1] }) {
                throw .invalidValue(slot: "limits", value: entry, reason: "\(key[1]) is given twice for \(key[0])")
            }
            bySection[key[0], default: []].append((key[1], amount))
        }
        let sections = ["default", "defaultRequest", "max", "min"].compactMap { section in
            bySection[section].map { (section: section, values: $0) }
        }
        guard !sections.isEmpty else {
            throw .invalidValue(
                slot: "limits", value: "",
                reason: "say the amounts, for example: default memory limit 512Mi and request 256Mi for containers in shop")
        }
        let name = try PlanningContext.newName(
            intent, default: "limits", example: "set a default memory limit of 512Mi for containers in shop")
        let namespace = try await context.creationNamespace(of: intent)
        var item: [Manifest.Entry] = [.init(key: "type", value: "Container")]
        for (section, values) in sections {
            item.append(.init(key: section, value: .map(values.map { .init(key: $0.0, value: .string($0.1)) })))
        }
        // Only what was said is checked: the API server fills in the rest (a default request from the default limit).
        let checked = sections.flatMap { section in section.values.map { (section.section, $0.0, $0.1) } }
        let object = NewObject(
            kind: "limitrange", name: name, namespace: namespace,
            manifest: [
                "apiVersion": "v1", "kind": "LimitRange",
                "metadata": NewObject.metadata(name: name, namespace: namespace),
                "spec": ["limits": [.map(item)]],
            ],
            check: (
                "{{range .spec.limits}}{{.type}}"
                    + checked.map { " {{index .\($0.0) \"\($0.1)\"}}" }.joined() + "{{end}}",
                "Container" + checked.map { " " + Self.canonical($0.2) }.joined()
            ),
            what: "limit range \(name) in \(namespace)")
        let said = sections.map { section in
            let words = ["default": "default limit", "defaultRequest": "default request", "max": "at most", "min": "at least"]
            return (words[section.section] ?? section.section) + " "
                + section.values.map { "\($0.0) \($0.1)" }.joined(separator: " and ")
        }.joined(separator: "; ")
        return try await context.creationPlan(
            [object], intent: intent, request: request,
            outcome: "containers created in \(namespace) from now on get \(said) (limit range \(name)); "
                + "running pods keep theirs until they are replaced")
    }

    /// What a quota may cap: object counts (`pods`, `count/deployments.apps`) and compute and storage amounts.
    static func quotaKey(_ key: String) -> Bool {
        let counted = ["pods", "services", "secrets", "configmaps", "persistentvolumeclaims", "replicationcontrollers",
            "resourcequotas", "services.loadbalancers", "services.nodeports"]
        let amounts = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
            "requests.storage", "ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage"]
        return counted.contains(key) || amounts.contains(key) || key.hasPrefix("count/") && key.count > 6
    }

    // MARK: - Amounts

    static func cpu(_ said: String) throws(PlannerError) -> String {
        guard let value = SlotParsing.quantity(said), SlotParsing.memory(value) == nil else {
            throw .invalidValue(slot: "cpu", value: said, reason: "CPU is cores (2, 0.5) or millicores (500m)")
        }
        return value
    }

    static func memory(_ said: String) throws(PlannerError) -> String {
        guard let value = SlotParsing.memory(said) else {
            throw .invalidValue(slot: "memory", value: said, reason: "memory is an amount with its unit: 512Mi, 2Gi")
        }
        return value
    }

    /// A quantity as the API server stores it: `0.5` → `500m`, `1000m` → `1`, `1024Mi` → `1Gi`, `2` → `2`.
    static func canonical(_ quantity: String) -> String {
        if let number = Double(quantity), quantity.contains(".") {
            let millis = Int((number * 1000).rounded())
            return millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
        }
        if quantity.hasSuffix("m"), let millis = Int(quantity.dropLast()), millis % 1000 == 0 {
            return String(millis / 1000)
        }
        let units = ["Ki", "Mi", "Gi", "Ti", "Pi"]
        for (index, unit) in units.enumerated().dropLast() where quantity.hasSuffix(unit) {
            if let amount = Int(quantity.dropLast(2)), amount >= 1024, amount % 1024 == 0 {
                return canonical("\(amount / 1024)\(units[index + 1])")
            }
        }
        return quantity
    }
}
