/// IngressBackendMissing (a backend service or port that does not exist), IngressClassMissing,
/// IngressTLSSecretMissing.
struct IngressAnalyzer: Analyzer {
    let id = "ingress"
    let problems = ["IngressBackendMissing", "IngressClassMissing", "IngressTLSSecretMissing"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        let ns = snapshot.namespace
        let classes = Set(snapshot.items("IngressClass").map(\.name))
        return snapshot.items("Ingress").flatMap { ingress -> [Finding] in
            var findings: [Finding] = []
            let resource = "ingress/\(ingress.name)"
            let check = [
                PlanStep(
                    argv: context.kubectl(["describe", resource, "--namespace=\(ns)"]), mutating: false,
                    summary: "show the ingress's rules and events")
            ]
            var backends = ingress["spec"]["rules"].array.flatMap { $0["http"]["paths"].array.map { $0["backend"] } }
            if !ingress["spec"]["defaultBackend"].isNull { backends.append(ingress["spec"]["defaultBackend"]) }
            for backend in backends {
                guard let serviceName = backend["service"]["name"].string else { continue }
                let port = backend["service"]["port"]
                guard let service = snapshot.item("Service", named: serviceName) else {
                    findings.append(
                        Finding(
                            problem: "IngressBackendMissing", severity: .critical, resource: resource, namespace: ns,
                            evidence: ["backend service \(serviceName) does not exist in \(ns)"],
                            explanation:
                                "the ingress sends requests to a service that does not exist: they fail with 503",
                            checks: check, subjects: [ingress.name, serviceName]))
                    continue
                }
                let ports = service["spec"]["ports"].array
                let matches = ports.contains {
                    (port["number"].int != nil && $0["port"].int == port["number"].int)
                        || (port["name"].string != nil && $0["name"].string == port["name"].string)
                }
                if !matches {
                    let wanted = port["number"].string ?? port["name"].string ?? "?"
                    findings.append(
                        Finding(
                            problem: "IngressBackendMissing", severity: .critical, resource: resource, namespace: ns,
                            evidence: [
                                "backend port \(wanted) is not a port of service \(serviceName)",
                                "service \(serviceName) ports: "
                                    + ports.compactMap { $0["port"].string }.joined(separator: ", "),
                            ],
                            explanation: "the ingress sends requests to a port the service does not have",
                            checks: check, subjects: [ingress.name, serviceName]))
                }
            }
            let className =
                ingress["spec"]["ingressClassName"].string
                ?? ingress["metadata"]["annotations"]["kubernetes.io/ingress.class"].string
            if let className, snapshot.clusterScopedRead, !classes.contains(className) {
                findings.append(
                    Finding(
                        problem: "IngressClassMissing", severity: .warning, resource: resource, namespace: ns,
                        evidence: [
                            "ingress class \(className) does not exist",
                            "ingress classes: " + (classes.isEmpty ? "none" : classes.sorted().joined(separator: ", ")),
                        ],
                        explanation: "no ingress controller serves class \(className), so nothing routes this ingress",
                        checks: [
                            PlanStep(
                                argv: context.kubectl(["get", "ingressclasses"]), mutating: false,
                                summary: "list the ingress classes")
                        ], subjects: [ingress.name]))
            }
            if let secrets = snapshot.secretNames {
                for secret in ingress["spec"]["tls"].array.compactMap({ $0["secretName"].string })
                where !secrets.contains(secret) {
                    findings.append(
                        Finding(
                            problem: "IngressTLSSecretMissing", severity: .warning, resource: resource, namespace: ns,
                            evidence: ["TLS secret \(secret) does not exist in \(ns)"],
                            explanation: "HTTPS for this ingress needs the certificate in Secret \(secret); "
                                + "the controller serves a default certificate instead",
                            checks: check, subjects: [ingress.name]))
                }
            }
            return findings
        }
    }
}
