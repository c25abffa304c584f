import Foundation
import Intent

/// Plans `ingress`: routes a host (and a path) to a service through an Ingress, with TLS and cert-manager.
///
/// A host no ingress has yet gets `kubectl create ingress NAME --class=… --rule=HOST/PATH*=SVC:PORT[,tls=SECRET]
/// [--annotation=cert-manager.io/cluster-issuer=ISSUER]`; a host an ingress already serves gets that ingress
/// patched (a new path, TLS, the issuer annotation) instead of a duplicate. The service is the one named or
/// the namespace's one web-facing service; the port is the service's; the class is the one named or the
/// cluster's default IngressClass. Anything unsure is asked, with the candidates.
struct IngressPlanner: ActionPlanner {
    let actions = ["ingress"]
    static let issuerAnnotation = "cert-manager.io/cluster-issuer"
    static let defaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class"
    /// Words in a service's name that make it web-facing.
    static let webWords = ["frontend", "web", "ui", "www", "site", "portal", "gateway", "nginx"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let host = intent.text("host") else {
            throw .invalidValue(
                slot: "host", value: "", reason: "say which host, for example: create an ingress for app.example.com")
        }
        let path = intent.text("path") ?? "/"
        guard path.hasPrefix("/"), !path.contains(" ") else {
            throw .invalidValue(slot: "path", value: path, reason: "a path starts with /, for example /api")
        }
        let said = try context.namespace(of: intent)
        var notes: [String] = []
        // An ingress already serving the host is changed, not duplicated.
        if let cluster = context.cluster {
            let ingresses = try await cluster.objects(kinds: ["ingress"], namespace: said)
            let serving = ingresses.filter { $0.ingressRules.contains { $0.host == host } }
            if serving.count > 1 {
                throw .ambiguous(name: host, candidates: serving)
            }
            if let existing = serving.first {
                return try await change(
                    existing, host: host, path: path, intent: intent, request: request, context: context)
            }
        }
        // A service named without its namespace is looked for in every namespace, and the ingress goes beside it.
        let service = try await chooseService(intent, namespace: said, context: context, notes: &notes)
        let namespace = service.namespace
        let port = try choosePort(intent, service: service)
        var steps: [PlanStep] = []
        let ingressClass = try await chooseClass(intent, context: context, steps: &steps, notes: &notes)
        let issuer = intent.text("issuer")
        let secret = intent.text("tls") ?? issuer.map { _ in Self.secretName(for: host) }
        let name = service.name
        if let cluster = context.cluster,
            let existing = try await cluster.objects(kinds: ["ingress"], namespace: namespace).first(where: {
                $0.name == name
            })
        {
            notes.append("ingress \(name) exists in \(namespace): the host is added to it")
            return try await change(
                existing, host: host, path: path, intent: intent, request: request, context: context,
                service: service, port: port, notes: notes, steps: steps)
        }
        var rule = "\(host)\(path == "/" ? "/*" : path + "*")=\(service.name):\(port)"
        if let secret { rule += ",tls=\(secret)" }
        var arguments = [
            "create", "ingress", name, "--namespace=\(namespace)", "--class=\(ingressClass)", "--rule=\(rule)",
        ]
        if let issuer { arguments.append("--annotation=\(Self.issuerAnnotation)=\(issuer)") }
        steps.append(
            context.changeStep(
                arguments,
                summary: "create ingress \(name) routing \(host)\(path) to service \(service.name) port \(port)"
                    + (secret.map { " with TLS from secret \($0)" } ?? "")
            ).undone(by: context.deletionReversal(of: "ingress/\(name)", namespace: namespace, what: "ingress \(name)"))
        )
        let object = ClusterObject(kind: "ingress", name: name, namespace: namespace)
        steps.append(
            context.readBackStep(
                object, jsonPath: "{.spec.rules[*].host}", expected: host,
                summary: "check that ingress \(name) serves \(host)"))
        if secret != nil, issuer == nil {
            notes.append("secret \(secret ?? "") must hold the certificate (kubectl create secret tls)")
        }
        let url = "\(secret == nil ? "http" : "https")://\(host)\(path)"
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "ingress \(name) routes \(host)\(path) to service \(service.name) port \(port); open \(url) "
                + "(once \(host) resolves to the ingress controller)",
            subjects: [object])
    }

    /// `app.example.com` → `app-example-com-tls`, the secret cert-manager fills.
    static func secretName(for host: String) -> String {
        host.replacingOccurrences(of: "*.", with: "wildcard.").replacingOccurrences(of: ".", with: "-") + "-tls"
    }

    // MARK: - Choices

    func chooseService(_ intent: UserIntent, namespace said: String?, context: PlanningContext, notes: inout [String])
        async throws(PlannerError) -> ClusterObject
    {
        let namespace = said ?? context.defaultNamespace
        if let name = intent.text("service") {
            guard context.cluster != nil else {
                return ClusterObject(kind: "service", name: name, namespace: namespace)
            }
            var scoped = intent
            scoped.slots["namespace"] = said.map { .text($0) }
            let resolved = try await context.resolve(name, kinds: ["service"], for: scoped)
            if let note = resolved.note { notes.append(note) }
            return resolved.object
        }
        guard let cluster = context.cluster else {
            throw .needsCluster(
                "which service the ingress routes to needs the cluster; say it, for example: "
                    + "create an ingress for app.example.com to service web port 80")
        }
        let services = try await cluster.objects(kinds: ["service"], namespace: namespace).filter {
            $0.name != "kubernetes"
        }
        let web = services.filter(Self.isWebFacing)
        guard web.count == 1, let service = web.first else {
            let listed = (web.isEmpty ? services : web).map { service in
                "\(service.name) (\(service.ports.map { String($0.port) }.joined(separator: ", ")))"
            }
            throw .invalidValue(
                slot: "service", value: "",
                reason: (web.isEmpty
                    ? "no web-facing service in namespace \(namespace)"
                    : "several web-facing services in namespace \(namespace)")
                    + (listed.isEmpty ? "" : ": \(listed.joined(separator: ", "))")
                    + "; say which, for example: create an ingress for HOST to service NAME port PORT")
        }
        notes.append("the web-facing service in \(namespace) is \(service.name)")
        return service
    }

    static func isWebFacing(_ service: ClusterObject) -> Bool {
        let name = service.name.lowercased()
        let parts = name.split(separator: "-").map(String.init)
        return webWords.contains { parts.contains($0) || name == $0 }
            || service.ports.contains { [80, 443].contains($0.port) }
    }

    func choosePort(_ intent: UserIntent, service: ClusterObject) throws(PlannerError) -> Int {
        let ports = service.ports.map(\.port)
        if let port = intent.number("port") {
            guard ports.isEmpty || ports.contains(port) else {
                throw .invalidValue(
                    slot: "port", value: String(port),
                    reason: "service \(service.name) has port\(ports.count == 1 ? "" : "s") "
                        + ports.map(String.init).joined(separator: ", "))
            }
            return port
        }
        if ports.count == 1, let port = ports.first { return port }
        if let http = service.ports.first(where: { ["http", "web"].contains($0.name) }) { return http.port }
        throw .invalidValue(
            slot: "port", value: "",
            reason: ports.isEmpty
                ? "say the port of service \(service.name), for example: to service \(service.name) port 80"
                : "service \(service.name) has ports \(ports.map(String.init).joined(separator: ", ")); say which")
    }

    /// The class named, else the cluster's default; on minikube with no class at all, the ingress addon first.
    func chooseClass(
        _ intent: UserIntent, context: PlanningContext, steps: inout [PlanStep], notes: inout [String]
    ) async throws(PlannerError) -> String {
        let named = intent.text("class")
        guard let cluster = context.cluster else {
            guard let named else {
                throw .needsCluster(
                    "the ingress class needs the cluster (its default IngressClass); say it, for example: "
                        + "create an ingress for app.example.com with class nginx")
            }
            return named
        }
        let classes = try await cluster.objects(kinds: ["ingressclass"], namespace: nil)
        let contextName = context.effectiveContext ?? ""
        if classes.isEmpty, contextName == "minikube" {
            steps.append(
                PlanStep(
                    argv: ["minikube", "addons", "enable", "ingress"], mutating: true,
                    summary: "enable minikube's ingress addon (the nginx ingress controller and class nginx)",
                    timeoutSeconds: 300
                ).irreversible(
                    "kagent leaves minikube's ingress addon enabled (other ingresses may need it); "
                        + "minikube addons disable ingress turns it off"))
            notes.append("no ingress controller in minikube yet: its ingress addon is enabled first")
            return named ?? "nginx"
        }
        if let named {
            guard classes.contains(where: { $0.name == named }) else {
                throw .invalidValue(
                    slot: "class", value: named,
                    reason: "no such IngressClass"
                        + (classes.isEmpty
                            ? "; the cluster has none: install an ingress controller (for example ingress-nginx)"
                            : "; classes: \(classes.map(\.name).joined(separator: ", "))"))
            }
            return named
        }
        if let fallback = classes.first(where: { $0.annotations[Self.defaultClassAnnotation] == "true" }) {
            notes.append("ingress class \(fallback.name) is the cluster's default")
            return fallback.name
        }
        throw .invalidValue(
            slot: "class", value: "",
            reason: "the cluster has no default IngressClass; say which, for example: with class "
                + (classes.first?.name ?? "nginx")
                + (classes.isEmpty ? " (install an ingress controller first)" : "")
                + (classes.isEmpty ? "" : "; classes: \(classes.map(\.name).joined(separator: ", "))"))
    }

    // MARK: - Changing an existing ingress

    func change(
        _ existing: ClusterObject, host: String, path: String, intent: UserIntent, request: String,
        context: PlanningContext, service known: ClusterObject? = nil, port knownPort: Int? = nil,
        notes: [String] = [], steps: [PlanStep] = []
    ) async throws(PlannerError) -> ExecutionPlan {
        var notes = notes
        var steps = steps
        let namespace = existing.namespace
        let ruleIndex = existing.ingressRules.firstIndex { $0.host == host }
        let currentPaths = ruleIndex.map { existing.ingressRules[$0].paths } ?? []
        var operations: [[String: Any]] = []
        // The JSON patch that takes the additions out again, each removal guarded by a test of what it removes.
        var removals: [[String: Any]] = []
        var said: [String] = []
        var finalPaths = currentPaths
        let routes = intent.text("service") != nil || intent.text("path") != nil || known != nil
        if routes, !currentPaths.contains(path) {
            var scoped = intent
            scoped.slots["namespace"] = .text(namespace)
            var localNotes: [String] = []
            let service: ClusterObject
            if let known {
                service = known
            } else {
                service = try await chooseService(scoped, namespace: namespace, context: context, notes: &localNotes)
            }
            notes += localNotes
            let port: Int
            if let knownPort { port = knownPort } else { port = try choosePort(intent, service: service) }
            let entry: [String: Any] = [
                "path": path, "pathType": "Prefix",
                "backend": ["service": ["name": service.name, "port": ["number": port]]],
            ]
            if let ruleIndex {
                operations.append(["op": "add", "path": "/spec/rules/\(ruleIndex)/http/paths/-", "value": entry])
                let added = "/spec/rules/\(ruleIndex)/http/paths/\(currentPaths.count)"
                removals += [["op": "test", "path": added + "/path", "value": path], ["op": "remove", "path": added]]
            } else {
                operations.append([
                    "op": "add", "path": "/spec/rules/-", "value": ["host": host, "http": ["paths": [entry]]],
                ])
                let added = "/spec/rules/\(existing.ingressRules.count)"
                removals += [["op": "test", "path": added + "/host", "value": host], ["op": "remove", "path": added]]
            }
            finalPaths.append(path)
            said.append("route \(host)\(path) to service \(service.name) port \(port)")
        } else if routes {
            notes.append("ingress \(existing.name) already routes \(host)\(path)")
        }
        let issuer = intent.text("issuer")
        // cert-manager fills the TLS secret the ingress names; one is named for it when the ingress has none.
        let generated = existing.ingressTLSSecrets.isEmpty ? issuer.map { _ in Self.secretName(for: host) } : nil
        var addedSecret: String?
        if let secret = intent.text("tls") ?? generated, !existing.ingressTLSSecrets.contains(secret) {
            addedSecret = secret
            let tls: [String: Any] = ["hosts": [host], "secretName": secret]
            operations.append(
                existing.ingressTLSSecrets.isEmpty
                    ? ["op": "add", "path": "/spec/tls", "value": [tls]]
                    : ["op": "add", "path": "/spec/tls/-", "value": tls])
            let added =
                existing.ingressTLSSecrets.isEmpty ? "/spec/tls" : "/spec/tls/\(existing.ingressTLSSecrets.count)"
            removals += [
                [
                    "op": "test",
                    "path": existing.ingressTLSSecrets.isEmpty ? "/spec/tls/0/secretName" : added + "/secretName",
                    "value": secret,
                ],
                ["op": "remove", "path": added],
            ]
            said.append("serve \(host) with TLS from secret \(secret)")
        }
        if !operations.isEmpty {
            let patch = Self.json(operations)
            let undoSummary = "take what was added out of ingress \(existing.name) again"
            steps.append(
                context.changeStep(
                    ["patch", "ingress", existing.name, "--namespace=\(namespace)", "--type=json", "--patch=\(patch)"],
                    summary: "change ingress \(existing.name) to " + said.joined(separator: " and ")
                ).undone(
                    by: undoSummary,
                    [
                        context.pinned.changeStep(
                            [
                                "patch", "ingress", existing.name, "--namespace=\(namespace)", "--type=json",
                                "--patch=\(Self.json(Array(removals.reversed())))",
                            ],
                            summary: undoSummary)
                    ]))
        }
        if let issuer, existing.annotations[Self.issuerAnnotation] != issuer {
            steps.append(
                context.changeStep(
                    [
                        "annotate", "ingress", existing.name, "--namespace=\(namespace)",
                        "\(Self.issuerAnnotation)=\(issuer)", "--overwrite",
                    ],
                    summary: "have cert-manager issue the certificate of ingress \(existing.name) with \(issuer)"
                ).undone(
                    by: "put the cert-manager issuer annotation of ingress \(existing.name) back",
                    [
                        context.pinned.changeStep(
                            [
                                "annotate", "ingress", existing.name, "--namespace=\(namespace)",
                                existing.annotations[Self.issuerAnnotation].map { "\(Self.issuerAnnotation)=\($0)" }
                                    ?? "\(Self.issuerAnnotation)-", "--overwrite",
                            ],
                            summary: "put the cert-manager issuer annotation of ingress \(existing.name) back")
                    ]))
            said.append("use cert-manager issuer \(issuer)")
        }
        guard !steps.isEmpty else {
            throw .invalidValue(
                slot: "host", value: host,
                reason:
                    "ingress \(existing.name) in \(namespace) already does that (paths \(currentPaths.joined(separator: ", ")))"
            )
        }
        notes.insert(
            "\(host) is served by ingress \(existing.name) in \(namespace): it is changed, not duplicated", at: 0)
        steps.append(
            verification(
                existing, host: host, paths: finalPaths, routed: finalPaths != currentPaths,
                secrets: existing.ingressTLSSecrets + (addedSecret.map { [$0] } ?? []), issuer: issuer,
                context: context))
        let secure = intent.text("tls") != nil || issuer != nil || !existing.ingressTLSSecrets.isEmpty
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "ingress \(existing.name) now does: \(said.joined(separator: "; ")); open "
                + "\(secure ? "https" : "http")://\(host)\(path)",
            subjects: [existing])
    }

    /// The read-back of what changed: the host's paths, else the TLS secrets, else the issuer annotation.
    func verification(
        _ existing: ClusterObject, host: String, paths: [String], routed: Bool, secrets: [String], issuer: String?,
        context: PlanningContext
    ) -> PlanStep {
        if !routed, secrets != existing.ingressTLSSecrets {
            return context.readBackStep(
                existing, jsonPath: "{.spec.tls[*].secretName}", expected: secrets.joined(separator: " "),
                summary: "check the TLS secrets of ingress \(existing.name)")
        }
        if !routed, let issuer {
            return context.readBackStep(
                existing, jsonPath: "{.metadata.annotations.cert-manager\\.io/cluster-issuer}", expected: issuer,
                summary: "check the cert-manager issuer of ingress \(existing.name)")
        }
        return context.readBackStep(
            existing, jsonPath: "{.spec.rules[?(@.host==\"\(host)\")].http.paths[*].path}",
            expected: paths.joined(separator: " "),
            summary: "check the paths ingress \(existing.name) routes for \(host)")
    }

    /// Compact JSON with sorted keys (the same plan prints the same patch).
    static func json(_ value: Any) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "[]" }
        return text
    }
}
