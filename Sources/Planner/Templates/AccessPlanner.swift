import Intent

/// Plans `create_serviceaccount`, `create_role` and `create_rolebinding`: who may do what, from typed templates.
///
/// A role is said by what it lets do ("read", "manage") and to which kinds ("pods", "deployments", "everything");
/// "cluster role", "cluster-wide" or a cluster-wide kind (nodes) makes it a ClusterRole. A binding names one
/// subject (a user, a group or a service account) and one role: a Role or ClusterRole by name, or Kubernetes'
/// built-in `view`, `edit` and `admin`; cluster-wide it is a ClusterRoleBinding.
struct AccessPlanner: ActionPlanner {
    let actions = ["create_serviceaccount", "create_role", "create_rolebinding"]
    static let rbacGroup = "rbac.authorization.k8s.io"
    static let readVerbs = ["get", "list", "watch"]
    static let manageVerbs = ["get", "list", "watch", "create", "update", "patch", "delete"]
    /// Kubernetes' built-in ClusterRoles for people, by the access they give.
    static let builtInRoles = ["view", "edit", "admin", "cluster-admin"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        switch intent.action {
        case "create_serviceaccount": return try await serviceAccount(intent, request: request, context: context)
        case "create_role": return try await role(intent, request: request, context: context)
        default: return try await binding(intent, request: request, context: context)
        }
    }

    // MARK: - Service accounts

    private func serviceAccount(_ intent: UserIntent, request: String, context: PlanningContext)
        async throws(PlannerError) -> ExecutionPlan
    {
        let name = try PlanningContext.newName(intent, example: "create service account ci-bot in shop")
        let namespace = try await context.creationNamespace(of: intent)
        let object = NewObject(
            kind: "serviceaccount", name: name, namespace: namespace,
            manifest: [
                "apiVersion": "v1", "kind": "ServiceAccount",
                "metadata": NewObject.metadata(name: name, namespace: namespace),
            ],
            check: ("{{.metadata.name}}", name), what: "service account \(name) in \(namespace)")
        return try await context.creationPlan(
            [object], intent: intent, request: request, outcome: "created service account \(name) in \(namespace)")
    }

    // MARK: - Roles

    /// The verbs a role's access words give: "manage" (or "edit", "write") every verb, else "read" reading only.
    static func verbs(of intent: UserIntent) throws(PlannerError) -> [String] {
        if let said = intent["verbs"]?.list, !said.isEmpty { return said }
        if intent["manage"] != nil { return manageVerbs }
        if intent["read"] != nil { return readVerbs }
        throw .invalidValue(
            slot: "access", value: "",
            reason: "say what the role may do, for example: create a role pod-reader that can read pods in shop, "
                + "or: a role that can manage deployments")
    }

    /// The role's rules: one per API group, with the kinds said in that group, or every resource for "everything".
    static func rules(kinds: [String], everything: Bool, verbs: [String]) throws(PlannerError) -> [Manifest] {
        if everything {
            return [["apiGroups": ["*"], "resources": ["*"], "verbs": .list(verbs.map(Manifest.string))]]
        }
        var groups: [(group: String, resources: [String])] = []
        for name in kinds {
            // `pod/log`: a subresource, `pods/log`.
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let kind = ResourceKind.named(first) else { continue }
            let resource = kind.plural + (parts.count == 2 ? "/" + parts[1] : "")
            let group = kind.resource.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            if let at = groups.firstIndex(where: { $0.group == group }) {
                if !groups[at].resources.contains(resource) { groups[at].resources.append(resource) }
            } else {
                groups.append((group, [resource]))
            }
        }
        guard !groups.isEmpty else {
            throw .invalidValue(
                slot: "kinds", value: "",
                reason: "say which kinds the role covers, for example: pods, deployments, secrets, or everything")
        }
        return groups.map { group in
            [
                "apiGroups": [.string(group.group)], "resources": .list(group.resources.map(Manifest.string)),
                "verbs": .list(verbs.map(Manifest.string)),
            ]
        }
    }

    /// What the read-back of a role's rules prints: per rule, its resources then its verbs.
    static func rulesCheck(_ rules: [Manifest]) -> String {
        rules.map { rule -> String in
            let words = { (key: String) -> String in
                guard case .list(let items)? = rule[key] else { return "" }
                return items.compactMap { if case .string(let text) = $0 { text + "," } else { nil } }.joined()
            }
            return words("resources") + words("verbs") + ";"
        }.joined()
    }

    /// The rules of access said kind by kind (`read=pod`, `manage=deployment`, `get,list=pod`): one rule per API
    /// group and set of verbs, in the order said; a kind said with two accesses gets both sets of verbs.
    static func rules(grants: [String]) throws(PlannerError) -> [Manifest] {
        var verbsByKind: [(kind: String, verbs: [String])] = []
        for entry in grants {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let verbs =
                parts[0] == "read" ? readVerbs : parts[0] == "manage" ? manageVerbs : parts[0].split(separator: ",").map(String.init)
            if let at = verbsByKind.firstIndex(where: { $0.kind == parts[1] }) {
                verbsByKind[at].verbs += verbs.filter { !verbsByKind[at].verbs.contains($0) }
            } else {
                verbsByKind.append((parts[1], verbs))
            }
        }
        var rules: [Manifest] = []
        var seen: [(verbs: [String], group: String, index: Int)] = []
        for (kind, verbs) in verbsByKind {
            for case .map(let rule) in try Self.rules(kinds: [kind], everything: false, verbs: verbs) {
                let group = rule.first { $0.key == "apiGroups" }.map { "\($0.value)" } ?? ""
                if let same = seen.first(where: { $0.verbs == verbs && $0.group == group }),
                    case .map(var entries) = rules[same.index],
                    let at = entries.firstIndex(where: { $0.key == "resources" }),
                    case .list(let resources) = entries[at].value,
                    let added = rule.first(where: { $0.key == "resources" }), case .list(let more) = added.value
                {
                    entries[at].value = .list(resources + more)
                    rules[same.index] = .map(entries)
                } else {
                    seen.append((verbs, group, rules.count))
                    rules.append(.map(rule))
                }
            }
        }
        return rules
    }

    private func role(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        // "read pods and manage deployments": access kind by kind, never one access for every kind said.
        let grants = intent["grants"]?.list ?? []
        let verbs = grants.isEmpty ? try Self.verbs(of: intent) : []
        let kinds = grants.isEmpty ? intent["kinds"]?.list ?? [] : grants.compactMap { $0.split(separator: "=").last.map(String.init) }
        let everything =
            grants.isEmpty && (intent["everything"] != nil || kinds.isEmpty && intent["read"] != nil && intent["only"] != nil)
        let rules = grants.isEmpty ? try Self.rules(kinds: kinds, everything: everything, verbs: verbs) : try Self.rules(grants: grants)
        var notes: [String] = []
        let clusterWideKinds = kinds.filter { ResourceKind.named($0)?.namespaced == false }
        var clusterWide = intent.wantsEveryNamespace || intent["cluster"] != nil
        if !clusterWide, !clusterWideKinds.isEmpty {
            guard intent.text("namespace") == nil else {
                throw .invalidValue(
                    slot: "kinds", value: clusterWideKinds.joined(separator: ", "),
                    reason: "these are cluster-wide, so a role in a namespace cannot grant them; "
                        + "say a cluster role instead")
            }
            clusterWide = true
            notes.append("\(clusterWideKinds.joined(separator: " and ")) are cluster-wide: this is a ClusterRole")
        }
        if clusterWide, intent.text("namespace") != nil {
            throw .invalidValue(
                slot: "namespace", value: intent.text("namespace") ?? "",
                reason: "a cluster role belongs to no namespace; leave the namespace out, or say a role")
        }
        let suffix = grants.isEmpty && verbs == Self.manageVerbs ? "manager" : grants.isEmpty && verbs == Self.readVerbs ? "reader" : "role"
        let fallback =
            everything
            ? (verbs == Self.manageVerbs ? "full-access" : "read-only")
            : kinds.map { $0.replacingOccurrences(of: "/", with: "-") }.joined(separator: "-") + "-" + suffix
        let name = try PlanningContext.newName(
            intent, default: fallback, example: "create a role pod-reader that can read pods in shop")
        let namespace = clusterWide ? nil : try await context.creationNamespace(of: intent)
        let kind = clusterWide ? "ClusterRole" : "Role"
        func said(_ verbs: [String]) -> String {
            verbs == Self.manageVerbs ? "manage" : verbs == Self.readVerbs ? "read" : verbs.joined(separator: ", ")
        }
        func resources(_ rule: Manifest) -> [String] {
            guard case .list(let items)? = rule["resources"] else { return [] }
            return items.compactMap { if case .string(let text) = $0 { text == "*" ? "everything" : text } else { nil } }
        }
        // What it may do: "read pods; manage deployments" when access was said kind by kind.
        let mayDo =
            grants.isEmpty
            ? "\(said(verbs)) \(rules.flatMap(resources).joined(separator: ", "))"
            : rules.map { rule -> String in
                let ruleVerbs: [String]
                if case .list(let items)? = rule["verbs"] {
                    ruleVerbs = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
                } else {
                    ruleVerbs = []
                }
                return "\(said(ruleVerbs)) \(resources(rule).joined(separator: ", "))"
            }.joined(separator: "; ")
        let described = clusterWide ? "cluster role \(name)" : "role \(name) in \(namespace ?? "")"
        let object = NewObject(
            kind: clusterWide ? "clusterrole" : "role", name: name, namespace: namespace,
            manifest: [
                "apiVersion": .string("\(Self.rbacGroup)/v1"), "kind": .string(kind),
                "metadata": NewObject.metadata(name: name, namespace: namespace),
                "rules": .list(rules),
            ],
            check: (
                "{{range .rules}}{{range .resources}}{{.}},{{end}}{{range .verbs}}{{.}},{{end}};{{end}}",
                Self.rulesCheck(rules)
            ),
            what: described)
        return try await context.creationPlan(
            [object], intent: intent, request: request, notes: notes,
            outcome: "created \(described): it may \(mayDo); bind it to someone to use it "
                + "(for example: bind \(clusterWide ? "clusterrole" : "role") \(name) to service account NAME)")
    }

    // MARK: - Bindings

    /// One subject of a binding: as the manifest lists it, as people read it, its kind and name as the read-back
    /// prints them, and the part of a binding's default name it gives.
    struct Subject {
        var manifest: Manifest
        var text: String
        var check: String
        var namePart: String
    }

    /// The one subject or role a binding names; none, or several, is said back (one binding gives one of each).
    static func only(_ said: [(kind: String, name: String)], slot: String, missing: String) throws(PlannerError)
        -> (kind: String, name: String)
    {
        guard said.count == 1, let one = said.first else {
            throw .invalidValue(
                slot: slot, value: said.map(\.name).joined(separator: ", "),
                reason: said.isEmpty ? missing : "one binding gives one \(slot); ask once for each")
        }
        return one
    }

    /// Who a binding gives the role to: every user, group and service account said ("users alice and bob",
    /// "service accounts ci-bot and deployer"), each once, in the order of those kinds.
    static func subjects(of intent: UserIntent, namespace: String?) throws(PlannerError) -> [Subject] {
        var said: [(kind: String, name: String)] = []
        for (kind, one, several) in [
            ("User", "user", "users"), ("Group", "group", "groups"), ("ServiceAccount", "serviceaccount", "serviceaccounts"),
        ] {
            for name in (intent.text(one).map { [$0] } ?? []) + (intent[several]?.list ?? [])
            where !said.contains(where: { $0.kind == kind && $0.name == name }) {
                said.append((kind, name))
            }
        }
        guard !said.isEmpty else {
            throw .invalidValue(
                slot: "subject", value: "",
                reason: "say who gets the access: a user, a group or a service account, for example: "
                    + "give service account ci-bot edit access in shop")
        }
        return try said.map { subject throws(PlannerError) in try Self.subject(subject, namespace: namespace) }
    }

    static func subject(_ subject: (kind: String, name: String), namespace: String?) throws(PlannerError) -> Subject {
        if subject.kind == "ServiceAccount" {
            // kubectl's form `namespace:name` (or `namespace/name`) says the account's own namespace.
            let parts = subject.name.split(maxSplits: 1, whereSeparator: { $0 == ":" || $0 == "/" }).map(String.init)
            let (accountNamespace, account) =
                parts.count == 2 ? (parts[0], parts[1]) : (namespace ?? "default", subject.name)
            for (slot, value) in [("namespace", accountNamespace), ("serviceaccount", account)] {
                if let problem = KubernetesName.subdomainProblem(value) {
                    throw .invalidValue(slot: slot, value: value, reason: problem)
                }
            }
            return Subject(
                manifest: ["kind": "ServiceAccount", "name": .string(account), "namespace": .string(accountNamespace)],
                text: "service account \(accountNamespace)/\(account)", check: "ServiceAccount:\(account)",
                namePart: account)
        }
        guard !subject.name.isEmpty, subject.name.allSatisfy({ !$0.isWhitespace && $0 != "\"" }) else {
            throw .invalidValue(slot: subject.kind.lowercased(), value: subject.name, reason: "not a user or group name")
        }
        // "jane@example.com" makes `jane-example-com-view`.
        let part = subject.name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return Subject(
            manifest: ["kind": .string(subject.kind), "apiGroup": .string(rbacGroup), "name": .string(subject.name)],
            text: "\(subject.kind.lowercased()) \(subject.name)", check: "\(subject.kind):\(subject.name)",
            namePart: String(part).split(separator: "-").joined(separator: "-"))
    }

    private func binding(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        // "read access to pods" is a role of its own: a binding gives a whole role, and view covers far more.
        if let kinds = intent["kinds"]?.list, !kinds.isEmpty {
            throw .invalidValue(
                slot: "kinds", value: kinds.joined(separator: ", "),
                reason: "a binding gives a whole role, not access to some kinds; create a role for them first "
                    + "(for example: create a role pod-reader that can read pods in shop), then bind it "
                    + "(bind role pod-reader to user NAME in shop)")
        }
        let clusterWide = intent.wantsEveryNamespace || intent["cluster"] != nil
        if clusterWide, intent.text("namespace") != nil {
            throw .invalidValue(
                slot: "namespace", value: intent.text("namespace") ?? "",
                reason: "a cluster-wide binding belongs to no namespace; leave one of the two out")
        }
        let namespace = clusterWide ? nil : try await context.creationNamespace(of: intent)
        var roles: [(kind: String, name: String)] = []
        if let name = intent.text("clusterrole") { roles.append(("ClusterRole", name)) }
        if let name = intent.text("role") { roles.append(("Role", name)) }
        for builtIn in Self.builtInRoles where intent[builtIn] != nil { roles.append(("ClusterRole", builtIn)) }
        var role = try Self.only(
            roles, slot: "role",
            missing: "say which role: view, edit or admin access, or a role by name, for example: "
                + "bind role pod-reader to user jane in shop")
        if let problem = KubernetesName.subdomainProblem(role.name) {
            throw .invalidValue(slot: "role", value: role.name, reason: problem)
        }
        var notes: [String] = []
        // A role said by name is a Role of the namespace when there is one, else a ClusterRole of that name.
        if role.kind == "Role", clusterWide { role.kind = "ClusterRole" }
        if let cluster = context.cluster, !Self.builtInRoles.contains(role.name) || role.kind == "Role" {
            let local = role.kind == "Role" ? try await cluster.objects(kinds: ["role"], namespace: namespace) : []
            if !local.contains(where: { $0.name == role.name }) {
                let clusterRoles = try await cluster.objects(kinds: ["clusterrole"], namespace: nil)
                if clusterRoles.contains(where: { $0.name == role.name }) {
                    if role.kind == "Role" { notes.append("\(role.name) is a ClusterRole: the binding grants it") }
                    role.kind = "ClusterRole"
                } else if !Self.builtInRoles.contains(role.name) {
                    throw .notFound(
                        kind: role.kind == "Role" ? "role" : "clusterrole", name: role.name,
                        namespace: role.kind == "Role" ? namespace : nil,
                        nearby: (local + clusterRoles).map(\.name).filter { EditDistance.isWithinOne($0, role.name) })
                }
            }
        }
        let subjects = try Self.subjects(of: intent, namespace: namespace)
        for subject in subjects {
            guard let cluster = context.cluster, case .string(let account)? = subject.manifest["name"],
                case .string(let accountNamespace)? = subject.manifest["namespace"]
            else { continue }
            let accounts = try await cluster.objects(kinds: ["serviceaccount"], namespace: accountNamespace)
            if !accounts.isEmpty, !accounts.contains(where: { $0.name == account }) {
                notes.append(
                    "service account \(account) does not exist in \(accountNamespace) yet: the binding applies once "
                        + "it does (create service account \(account) in \(accountNamespace))")
            }
        }
        // One subject names the binding after it; several, after the role.
        let fallback = subjects.count == 1 ? "\(subjects[0].namePart)-\(role.name)" : "\(role.name)-binding"
        let name = try PlanningContext.newName(
            intent, default: fallback, example: "give service account ci-bot edit access in shop")
        let kind = clusterWide ? "ClusterRoleBinding" : "RoleBinding"
        let described = clusterWide ? "cluster role binding \(name)" : "role binding \(name) in \(namespace ?? "")"
        let object = NewObject(
            kind: clusterWide ? "clusterrolebinding" : "rolebinding", name: name, namespace: namespace,
            manifest: [
                "apiVersion": .string("\(Self.rbacGroup)/v1"), "kind": .string(kind),
                "metadata": NewObject.metadata(name: name, namespace: namespace),
                "roleRef": ["apiGroup": .string(Self.rbacGroup), "kind": .string(role.kind), "name": .string(role.name)],
                "subjects": .list(subjects.map(\.manifest)),
            ],
            check: (
                "{{.roleRef.kind}}/{{.roleRef.name}}{{range .subjects}} {{.kind}}:{{.name}}{{end}}",
                "\(role.kind)/\(role.name) " + subjects.map(\.check).joined(separator: " ")
            ),
            what: described)
        let scope = clusterWide ? "in every namespace" : "in \(namespace ?? "")"
        return try await context.creationPlan(
            [object], intent: intent, request: request, notes: notes,
            outcome: "\(subjects.map(\.text).joined(separator: ", ")) now \(subjects.count == 1 ? "has" : "have") "
                + "\(role.kind == "ClusterRole" ? "cluster role" : "role") \(role.name) "
                + "\(scope) (\(described))")
    }
}
