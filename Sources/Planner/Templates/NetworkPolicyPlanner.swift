import Intent

/// Plans `create_networkpolicy`: a NetworkPolicy that blocks all incoming or outgoing traffic of a namespace's pods,
/// lets the pods of one workload (or of a whole namespace) reach the pods of another, or lets a namespace's pods
/// look up names (DNS).
///
/// Pods are selected by their workload's selector labels, read from the cluster (never guessed from its name): a
/// policy needs the cluster. A whole namespace is selected by `kubernetes.io/metadata.name`, which Kubernetes sets
/// on every namespace from 1.21 on; on an older cluster a namespace may lack it, and the plan says so.
///
/// A policy only takes effect with a network plugin that enforces policies (Calico, Cilium, …); the API server
/// stores it either way, and the read-back checks what was stored.
struct NetworkPolicyPlanner: ActionPlanner {
    let actions = ["create_networkpolicy"]
    static let apiVersion = "networking.k8s.io/v1"
    /// The label Kubernetes (1.21+) puts on every namespace, with the namespace's name as its value.
    static let namespaceNameLabel = "kubernetes.io/metadata.name"
    static let workloadKinds = ["deployment", "statefulset"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let allowing = ["from", "from_namespace", "anywhere"].filter { intent[$0] != nil }
        if intent["deny"] != nil {
            guard allowing.isEmpty else {
                throw .invalidValue(
                    slot: "deny", value: "",
                    reason: "one policy either blocks or allows; ask once for each, for example: block all incoming "
                        + "traffic in shop, then: allow traffic from web-app to api in shop")
            }
            return try await deny(intent, request: request, context: context)
        }
        if intent["dns"] != nil { return try await dns(intent, request: request, context: context) }
        if intent["egress"] != nil { return try await egress(intent, request: request, context: context) }
        if intent["anywhere"] != nil { return try await anySource(intent, request: request, context: context) }
        if intent["from"] != nil || intent["from_namespace"] != nil {
            return try await allow(intent, request: request, context: context)
        }
        throw .invalidValue(
            slot: "from", value: intent.text("to") ?? "",
            reason: "say what the policy does, for example: block all incoming traffic in shop, or: allow traffic "
                + "from web-app to api in shop, or: allow traffic from the monitoring namespace into shop")
    }

    // MARK: - The policy

    /// Who a rule admits: pods selected by labels, in the policy's namespace or in namespaces selected by labels.
    /// An empty set of labels selects every pod (or every namespace).
    struct Peer: Equatable {
        var namespaceLabels: [String: String]?
        var podLabels: [String: String]?
    }

    struct Rule {
        var peers: [Peer]
        var ports: [(transport: String, port: Int)]
    }

    struct Policy {
        var name: String
        var namespace: String
        var podLabels: [String: String]
        var ingress: [Rule]?
        var egress: [Rule]?

        var types: [String] { (ingress != nil ? ["Ingress"] : []) + (egress != nil ? ["Egress"] : []) }

        static func selector(_ labels: [String: String]) -> Manifest {
            labels.isEmpty ? .map([]) : ["matchLabels": labelMap(labels)]
        }

        static func labelMap(_ labels: [String: String]) -> Manifest {
            .map(labels.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .string($0.value)) })
        }

        static func rules(_ rules: [Rule], peersKey: String) -> Manifest {
            .list(
                rules.map { rule in
                    .fields([
                        (
                            peersKey,
                            rule.peers.isEmpty
                                ? nil
                                : .list(
                                    rule.peers.map { peer in
                                        .fields([
                                            ("namespaceSelector", peer.namespaceLabels.map(selector)),
                                            ("podSelector", peer.podLabels.map(selector)),
                                        ])
                                    })
                        ),
                        (
                            "ports",
                            rule.ports.isEmpty
                                ? nil
                                : .list(rule.ports.map { ["protocol": .string($0.transport), "port": .int($0.port)] })
                        ),
                    ])
                })
        }

        var manifest: Manifest {
            [
                "apiVersion": .string(NetworkPolicyPlanner.apiVersion), "kind": "NetworkPolicy",
                "metadata": NewObject.metadata(name: name, namespace: namespace),
                "spec": .fields([
                    ("podSelector", Self.selector(podLabels)),
                    ("policyTypes", .list(types.map(Manifest.string))),
                    ("ingress", ingress.flatMap { $0.isEmpty ? nil : Self.rules($0, peersKey: "from") }),
                    ("egress", egress.flatMap { $0.isEmpty ? nil : Self.rules($0, peersKey: "to") }),
                ]),
            ]
        }

        /// A go-template over the stored policy: its types, the pods it selects, and per rule of its directions whom
        /// it admits and on which ports. `with` skips a selector that is absent (or empty, which prints nothing either
        /// way).
        var checkTemplate: String {
            let labels = "{{range $k, $v := .matchLabels}}{{$k}}={{$v}},{{end}}"
            let peers = "{{with .namespaceSelector}}ns[\(labels)]{{end}}{{with .podSelector}}pods[\(labels)]{{end}};"
            let ports = "{{range .ports}}{{.protocol}}/{{.port}},{{end}}"
            return "{{range .spec.policyTypes}}{{.}} {{end}}pods:{{with .spec.podSelector}}\(labels){{end}}"
                + (ingress == nil ? "" : "{{range .spec.ingress}} from:{{range .from}}\(peers){{end}}\(ports){{end}}")
                + (egress == nil ? "" : "{{range .spec.egress}} to:{{range .to}}\(peers){{end}}\(ports){{end}}")
        }

        /// What ``checkTemplate`` prints for this policy once it is stored as written.
        var checkText: String {
            func labels(_ labels: [String: String]) -> String {
                labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)," }.joined()
            }
            func peer(_ peer: Peer) -> String {
                var text = ""
                if let namespaces = peer.namespaceLabels, !namespaces.isEmpty { text += "ns[" + labels(namespaces) + "]" }
                if let pods = peer.podLabels, !pods.isEmpty { text += "pods[" + labels(pods) + "]" }
                return text + ";"
            }
            func rules(_ rules: [Rule], word: String) -> String {
                rules.map { rule -> String in
                    let peers: String = rule.peers.map(peer).joined()
                    let ports: String = rule.ports.map { "\($0.transport)/\($0.port)," }.joined()
                    return " " + word + ":" + peers + ports
                }.joined()
            }
            return types.map { $0 + " " }.joined() + "pods:" + labels(podLabels)
                + rules(ingress ?? [], word: "from") + rules(egress ?? [], word: "to")
        }

        /// The policy as the object the plan creates ("network policy NAME in NAMESPACE").
        var object: NewObject {
            NewObject(
                kind: "networkpolicy", name: name, namespace: namespace, manifest: manifest,
                check: (checkTemplate, checkText), what: "network policy \(name) in \(namespace)")
        }
    }

    static let enforcementNote =
        "a network policy takes effect only where the cluster's network plugin enforces policies (Calico, Cilium, "
        + "…); without one the API server stores it and nothing changes"

    // MARK: - Blocking

    private func deny(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        var scoped = intent
        // "traffic into shop", "traffic out of shop": the namespace, said with its direction.
        for slot in ["into", "out_of"] {
            guard let said = intent.text(slot) else { continue }
            if let other = scoped.text("namespace"), other != said {
                throw .invalidValue(
                    slot: "namespace", value: said,
                    reason: "the request names two namespaces, '\(said)' and '\(other)'; say one")
            }
            scoped["namespace"] = .text(said)
        }
        let ingress = intent["ingress"] != nil || intent["into"] != nil
        let egress = intent["egress"] != nil || intent["out_of"] != nil
        guard ingress || egress else {
            throw .invalidValue(
                slot: "direction", value: "",
                reason: "say which traffic to block: incoming (ingress), outgoing (egress) or both, for example: "
                    + "block all incoming traffic in shop")
        }
        // "block all outgoing traffic except DNS": the one egress rule left is DNS's.
        let keepDNS = intent["dns"] != nil
        if keepDNS && !egress {
            throw .invalidValue(
                slot: "dns", value: "",
                reason: "DNS lookups are outgoing traffic; say: block all outgoing traffic in NAMESPACE except dns")
        }
        let namespace = try await context.creationNamespace(of: scoped)
        let fallback =
            keepDNS
            ? (ingress ? "deny-all-but-dns" : "deny-egress-but-dns")
            : ingress && egress ? "deny-all" : ingress ? "deny-all-ingress" : "deny-all-egress"
        let name = try PlanningContext.newName(
            scoped, default: fallback, label: false, example: "block all incoming traffic in shop")
        let policy = Policy(
            name: name, namespace: namespace, podLabels: [:], ingress: ingress ? [] : nil,
            egress: egress ? (keepDNS ? [Self.dnsRule] : []) : nil)
        let direction = ingress && egress ? "incoming and outgoing" : ingress ? "incoming" : "outgoing"
        var notes = [Self.enforcementNote]
        if keepDNS {
            notes.append(
                "DNS stays allowed: port 53 (UDP and TCP) of pods in any namespace, wherever the cluster's DNS runs")
            return try await context.creationPlan(
                [policy.object], intent: scoped, request: request,
                notes: notes,
                outcome: "every pod in \(namespace) is cut off from all \(direction) traffic but DNS lookups (network "
                    + "policy \(name)), but for what other policies there allow")
        }
        if egress {
            notes.append(
                "blocking outgoing traffic blocks DNS too: pods in \(namespace) cannot look up names until you allow "
                    + "it (allow dns egress in \(namespace))")
        }
        return try await context.creationPlan(
            [policy.object], intent: scoped, request: request,
            notes: notes,
            outcome: "every pod in \(namespace) is cut off from all \(direction) traffic (network policy \(name)), "
                + "but for what other policies there allow")
    }

    // MARK: - Allowing

    /// A workload of the cluster with the labels its pods carry (its selector's matchLabels); or pods said by their
    /// labels ("from app=api"), `labelled` then.
    struct Workload {
        var object: ClusterObject
        var note: String?
        var labelled = false

        /// Whose pods, for people: "the pods of deployment/api in shop", "the pods labelled app=api in shop".
        var pods: String {
            guard labelled else { return "the pods of \(object.displayName)" }
            let labels = object.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "the pods labelled \(labels) in \(object.namespace)"
        }
    }

    /// Pods said by their labels (`app=api`, `tier=web,team=data`): nil for a name.
    static func labels(_ text: String) throws(PlannerError) -> [String: String]? {
        guard text.contains("=") else { return nil }
        var labels: [String: String] = [:]
        for (key, value) in try NewObject.labels([text]) { labels[key] = value }
        return labels.isEmpty ? nil : labels
    }

    /// The workload said, in `namespace`; when it is not there and `orAnywhere`, wherever it is, if it is one.
    /// Its note (a loose name taken as another) goes with the plan's.
    private static func workload(
        _ name: String, slot: String, in namespace: String?, orAnywhere: Bool, intent: UserIntent,
        context: PlanningContext, notes: inout [String]
    ) async throws(PlannerError) -> Workload {
        let found: Workload
        do {
            found = try await workload(name, slot: slot, in: namespace, intent: intent, context: context)
        } catch .notFound where orAnywhere {
            found = try await workload(name, slot: slot, in: nil, intent: intent, context: context)
        }
        if let note = found.note { notes.append(note) }
        return found
    }

    /// The pods a policy's rule admits or reaches: the workload's, and its namespace's when that is not the
    /// policy's own (with a note when the namespace lacks the label that selects it).
    static func peer(_ workload: Workload, seenFrom namespace: String, among namespaces: [ClusterObject],
        notes: inout [String]) -> Peer
    {
        guard workload.object.namespace != namespace else {
            return Peer(namespaceLabels: nil, podLabels: workload.object.selector)
        }
        notes += labelNotes(workload.object.namespace, among: namespaces)
        return Peer(
            namespaceLabels: [namespaceNameLabel: workload.object.namespace], podLabels: workload.object.selector)
    }

    /// The pods that receive, said by `to`: every pod of a namespace (its exact name, and no workload's: "let the
    /// todo namespace reach shop"), or one workload's; and the namespace the policy then goes in.
    private static func receivers(
        _ to: String, said: String?, among namespaces: [ClusterObject], in cluster: any ClusterReader,
        intent: UserIntent, context: PlanningContext, notes: inout [String]
    ) async throws(PlannerError) -> (target: Workload?, namespace: String?) {
        if try await isWholeNamespace(to, said: said, among: namespaces, in: cluster) { return (nil, to) }
        let found = try await workload(
            to, slot: "to", in: said, orAnywhere: false, intent: intent, context: context, notes: &notes)
        return (found, found.object.namespace)
    }

    private static func workload(
        _ name: String, slot: String, in namespace: String?, intent: UserIntent, context: PlanningContext
    ) async throws(PlannerError) -> Workload {
        // "from app=api": the pods that carry those labels, in the namespace said (or the policy's).
        if let labels = try labels(name) {
            var place = namespace ?? context.defaultNamespace
            if namespace == nil, let said = try context.namespace(of: intent) { place = said }
            let part = labels.sorted { $0.key < $1.key }.map { "\($0.key)-\($0.value)" }.joined(separator: "-")
                .lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
            return Workload(
                object: ClusterObject(
                    kind: "pods", name: String(part).split(separator: "-").joined(separator: "-"), namespace: place,
                    selector: labels),
                labelled: true)
        }
        var narrowed = intent
        narrowed["namespace"] = namespace.map(SlotValue.text)
        narrowed["kind"] = nil
        let resolved = try await context.resolve(name, kinds: workloadKinds, for: narrowed)
        guard !resolved.object.selector.isEmpty else {
            throw .invalidValue(
                slot: slot, value: name,
                reason: "\(resolved.object.displayName) selects its pods by expressions, not labels; kagent does not "
                    + "copy those into a policy")
        }
        return Workload(object: resolved.object, note: resolved.note)
    }

    private func allow(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let cluster = try Self.cluster(context)
        var notes: [String] = []
        var said = try context.namespace(of: intent)
        // The pods that receive: one workload's, or every pod of the namespace.
        var target: Workload?
        let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil)
        if let to = intent.text("to") {
            (target, said) = try await Self.receivers(
                to, said: said, among: namespaces, in: cluster, intent: intent, context: context, notes: &notes)
        } else if intent["from"] != nil {
            throw .invalidValue(
                slot: "to", value: "",
                reason: "say which workload the traffic may reach, for example: allow traffic from web-app to api in "
                    + "shop")
        }
        var scoped = intent
        scoped["namespace"] = said.map(SlotValue.text)
        let namespace = try await context.creationNamespace(of: scoped)

        // Who may send: pods of one workload (here, or in another namespace), or every pod of a namespace.
        let peer: Peer
        let source: String
        let namePart: String
        if let from = intent.text("from") {
            // Not in the target's namespace: wherever it is, if it is one workload (unless a namespace was said).
            let sender = try await Self.workload(
                from, slot: "from", in: namespace,
                orAnywhere: intent.text("namespace") == nil && context.namespace == nil, intent: intent,
                context: context, notes: &notes)
            peer = Self.peer(sender, seenFrom: namespace, among: namespaces, notes: &notes)
            source = sender.pods
            namePart = sender.object.name
        } else {
            let from = intent.text("from_namespace") ?? ""
            peer = try Self.namespacePeer(from, among: namespaces, notes: &notes)
            source = "every pod in namespace \(from)"
            namePart = "ns-\(from)"
        }
        let ports = try await Self.ports(intent, of: target, cluster: cluster)
        let receivers = target.map(\.pods) ?? "every pod in \(namespace)"
        let name = try PlanningContext.newName(
            intent, default: "\(target?.object.name ?? "allow")-from-\(namePart)",
            example: "allow traffic from web-app to api in shop")
        let policy = Policy(
            name: name, namespace: namespace, podLabels: target?.object.selector ?? [:],
            ingress: [Rule(peers: [peer], ports: ports)], egress: nil)
        let on = ports.first.map { " on TCP port \($0.port)" } ?? ""
        notes.append(Self.enforcementNote)
        return try await context.creationPlan(
            [policy.object], intent: scoped, request: request,
            notes: notes,
            outcome: "\(receivers) accept traffic from \(source)\(on) (network policy \(name)); traffic from anywhere "
                + "else no longer reaches them, unless another policy allows it")
    }

    /// Whether a target said by name is a whole namespace: no namespace said apart, the exact name of a namespace,
    /// and no workload's exact name.
    static func isWholeNamespace(
        _ name: String, said: String?, among namespaces: [ClusterObject], in cluster: any ClusterReader
    ) async throws(PlannerError) -> Bool {
        guard said == nil, namespaces.contains(where: { $0.name == name }) else { return false }
        return !(try await cluster.objects(kinds: workloadKinds, namespace: nil)).contains { $0.name == name }
    }

    /// A note when a namespace lacks `kubernetes.io/metadata.name`: then a policy selecting it by that label admits
    /// nothing from it. Nothing is said for a namespace kagent could not read.
    static func labelNotes(_ name: String, among namespaces: [ClusterObject]) -> [String] {
        guard let namespace = namespaces.first(where: { $0.name == name }),
            namespace.labels[namespaceNameLabel] != name
        else { return [] }
        return [
            "namespace \(name) has no label \(namespaceNameLabel)=\(name) (Kubernetes sets it from 1.21 on; this "
                + "cluster has not): until it has, this policy admits nothing from \(name). Label it first: kubectl "
                + "label namespace \(name) \(namespaceNameLabel)=\(name)"
        ]
    }

    /// Every pod of a namespace the cluster has, as a policy's peer (with a note when the namespace lacks the label
    /// that selects it).
    static func namespacePeer(_ name: String, among namespaces: [ClusterObject], notes: inout [String])
        throws(PlannerError) -> Peer
    {
        guard namespaces.isEmpty || namespaces.contains(where: { $0.name == name }) else {
            throw .notFound(
                kind: "namespace", name: name, namespace: nil,
                nearby: namespaces.map(\.name).filter { EditDistance.isWithinOne($0, name) })
        }
        notes += labelNotes(name, among: namespaces)
        return Peer(namespaceLabels: [namespaceNameLabel: name], podLabels: nil)
    }

    /// The cluster, which a policy that selects a workload's pods needs: kagent reads their labels there.
    static func cluster(_ context: PlanningContext) throws(PlannerError) -> any ClusterReader {
        guard let cluster = context.cluster else {
            throw .needsCluster(
                "a network policy selects pods by their workload's labels, which kagent reads from the cluster")
        }
        return cluster
    }

    /// The TCP port said, checked against the target workload's services (``checkPort``); none when none was said.
    static func ports(_ intent: UserIntent, of target: Workload?, cluster: any ClusterReader)
        async throws(PlannerError) -> [(transport: String, port: Int)]
    {
        guard let port = intent.number("port") else {
            if intent["port"] != nil {
                throw .invalidValue(
                    slot: "port", value: intent.text("port") ?? "", reason: "a port is a number, 1 to 65535")
            }
            return []
        }
        if let target { try await checkPort(port, of: target.object, cluster: cluster) }
        return [("TCP", port)]
    }

    /// A policy matches the pods' own port, not a service's: a port that a service of the workload maps to another
    /// port of the pods is said back with the port to use.
    static func checkPort(_ port: Int, of target: ClusterObject, cluster: any ClusterReader) async throws(PlannerError)
    {
        let services = try await cluster.objects(kinds: ["service"], namespace: target.namespace)
        for service in services
        where !service.selector.isEmpty && service.selector.allSatisfy({ target.selector[$0.key] == $0.value }) {
            for mapped in service.ports where mapped.port == port {
                if let pods = Int(mapped.targetPort), pods != port {
                    throw .invalidValue(
                        slot: "port", value: String(port),
                        reason: "\(port) is service \(service.name)'s port; its pods listen on \(pods), and a network "
                            + "policy matches the pods' port: say port \(pods)")
                }
            }
        }
    }

    // MARK: - Outgoing traffic

    /// "allow egress from api in shop only to todo-backend in todo on port 8000", "let the pods in todo send traffic
    /// only to namespace srvthreds": the pods that send (one workload's, or every pod of a namespace) may reach
    /// only the pods said (one workload's, or every pod of a namespace), on the port said. A namespace said apart
    /// ("in shop") is the senders' unless their own was said ("from api in shop"), then the receivers'.
    private func egress(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let cluster = try Self.cluster(context)
        var notes: [String] = []
        let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil)
        let said = try context.namespace(of: intent)
        let sendersSaid = intent.text("from_namespace") ?? intent.text("from_in")
        var receiversSaid = intent.text("to_namespace") ?? intent.text("to_in")
        if receiversSaid == nil, sendersSaid != nil { receiversSaid = intent.text("namespace") }
        var sendersPlace = sendersSaid ?? said
        // "from app=api only to app=checkout in shop": pods said by labels, with one namespace said, are there too.
        if sendersPlace == nil, let from = intent.text("from"), try Self.labels(from) != nil {
            sendersPlace = receiversSaid
        }

        // Who sends: one workload's pods, or every pod of the namespace.
        var sender: Workload?
        if let from = intent.text("from") {
            sender = try await Self.workload(
                from, slot: "from", in: sendersPlace, orAnywhere: sendersPlace == nil, intent: intent,
                context: context, notes: &notes)
        }
        var scoped = intent
        scoped["namespace"] = (sender?.object.namespace ?? sendersPlace).map(SlotValue.text)
        let namespace = try await context.creationNamespace(of: scoped)

        // Whom they may reach: one workload's pods (here, or in the namespace said), or every pod of a namespace.
        let peer: Peer
        let receivers: String
        let namePart: String
        var target: Workload?
        if let to = intent.text("to") {
            let found = try await Self.workload(
                to, slot: "to", in: receiversSaid ?? namespace, orAnywhere: receiversSaid == nil, intent: intent,
                context: context, notes: &notes)
            target = found
            peer = Self.peer(found, seenFrom: namespace, among: namespaces, notes: &notes)
            receivers = found.pods
            namePart = found.object.name
        } else if let place = receiversSaid {
            peer = try Self.namespacePeer(place, among: namespaces, notes: &notes)
            receivers = "every pod in namespace \(place)"
            namePart = "ns-\(place)"
        } else {
            throw .invalidValue(
                slot: "to", value: "",
                reason: "say where the pods may send traffic, for example: allow egress from all pods in todo only to "
                    + "namespace srvthreds, or: let api in shop send traffic only to todo-backend in todo")
        }
        let ports = try await Self.ports(intent, of: target, cluster: cluster)
        let senders = sender.map(\.pods) ?? "every pod in \(namespace)"
        let name = try PlanningContext.newName(
            intent, default: "\(sender?.object.name ?? "all")-egress-to-\(namePart)",
            example: "allow egress from all pods in todo only to namespace srvthreds")
        let policy = Policy(
            name: name, namespace: namespace, podLabels: sender?.object.selector ?? [:], ingress: nil,
            egress: [Rule(peers: [peer], ports: ports)])
        let on = ports.first.map { " on TCP port \($0.port)" } ?? ""
        notes.append(
            "an egress policy isolates the pods it selects: \(senders) may now send only what this and other egress "
                + "policies allow, and DNS lookups are blocked too unless one allows them (allow dns egress in "
                + "\(namespace))")
        notes.append(Self.enforcementNote)
        return try await context.creationPlan(
            [policy.object], intent: scoped, request: request,
            notes: notes,
            outcome: "\(senders) may send traffic only to \(receivers)\(on) (network policy \(name)), unless another "
                + "policy allows more")
    }

    // MARK: - Incoming traffic from anywhere

    /// "allow incoming traffic from anywhere to web-app in shop on port 80": an ingress rule with no source, so any
    /// pod or address may reach the workload's pods (on the port said). It matters beside a policy that blocks
    /// incoming traffic: pods no policy selects accept everything already.
    private func anySource(_ intent: UserIntent, request: String, context: PlanningContext)
        async throws(PlannerError) -> ExecutionPlan
    {
        let cluster = try Self.cluster(context)
        var notes: [String] = []
        guard let to = intent.text("to") else {
            throw .invalidValue(
                slot: "to", value: "",
                reason: "say which workload may be reached, for example: allow traffic from anywhere to web-app in shop")
        }
        var said = try context.namespace(of: intent)
        let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil)
        let target: Workload?
        (target, said) = try await Self.receivers(
            to, said: said, among: namespaces, in: cluster, intent: intent, context: context, notes: &notes)
        var scoped = intent
        scoped["namespace"] = said.map(SlotValue.text)
        let namespace = try await context.creationNamespace(of: scoped)
        let ports = try await Self.ports(intent, of: target, cluster: cluster)
        let receivers = target.map(\.pods) ?? "every pod in \(namespace)"
        let name = try PlanningContext.newName(
            intent, default: "\(target?.object.name ?? "all")-from-anywhere",
            example: "allow traffic from anywhere to web-app in shop")
        let policy = Policy(
            name: name, namespace: namespace, podLabels: target?.object.selector ?? [:],
            ingress: [Rule(peers: [], ports: ports)], egress: nil)
        let on = ports.first.map { " on TCP port \($0.port)" } ?? ""
        notes.append(
            "pods that no policy selects accept traffic from anywhere already; this policy opens \(receivers) where a "
                + "policy blocks incoming traffic\(ports.isEmpty ? "" : ", and only on that port")")
        notes.append(Self.enforcementNote)
        return try await context.creationPlan(
            [policy.object], intent: scoped, request: request,
            notes: notes,
            outcome: "\(receivers) accept traffic from anywhere\(on) (network policy \(name))")
    }

    // MARK: - DNS

    /// DNS lookups out: UDP and TCP port 53 of pods in any namespace.
    static let dnsRule = Rule(peers: [Peer(namespaceLabels: [:], podLabels: nil)], ports: [("UDP", 53), ("TCP", 53)])

    /// DNS out of a namespace: UDP and TCP port 53 of pods in any namespace. Not kube-dns's labels: they differ
    /// between distributions, and any namespace's port 53 is where the cluster's DNS runs, whatever it is called. A
    /// node-local DNS cache listens on a node address, not a pod: that needs an ipBlock rule, which this is not.
    private func dns(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let namespace = try await context.creationNamespace(of: intent)
        let name = try PlanningContext.newName(intent, default: "allow-dns", example: "allow dns egress in shop")
        let policy = Policy(name: name, namespace: namespace, podLabels: [:], ingress: nil, egress: [Self.dnsRule])
        return try await context.creationPlan(
            [policy.object], intent: intent, request: request,
            notes: [
                "DNS is allowed to port 53 (UDP and TCP) of pods in any namespace, wherever the cluster's DNS runs; a "
                    + "node-local DNS cache (an address on the node) is not covered",
                "an egress policy isolates the pods it selects: the pods of \(namespace) may now send only DNS queries "
                    + "and what other egress policies allow; if their outgoing traffic was open, the rest is closed now",
                Self.enforcementNote,
            ],
            outcome: "the pods of \(namespace) may look up names (network policy \(name))")
    }
}
