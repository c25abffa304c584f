import Foundation

/// CreateContainerConfigError: a ConfigMap, Secret or key the container's env/envFrom names is missing.
/// The fix creates a missing ConfigMap from KEY=VALUE literals the user gives.
struct ContainerConfigAnalyzer: Analyzer {
    let id = "container_config"
    let problems = ["CreateContainerConfigError"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        var created: Set<String> = []
        return snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, spec -> Finding? in
                guard status["state"]["waiting"]["reason"].string == "CreateContainerConfigError",
                    let container = status["name"].string
                else { return nil }
                let ns = snapshot.namespace
                let message = status["state"]["waiting"]["message"].string ?? ""
                var evidence = ["container \(container) is waiting: CreateContainerConfigError"]
                if !message.isEmpty { evidence.append(message) }
                let missing = missingConfigMaps(spec, message: message, snapshot: snapshot)
                for name in missing { evidence.append("configmap \(name) does not exist in \(ns)") }
                let secrets = missingSecrets(spec, message: message, snapshot: snapshot)
                for name in secrets { evidence.append("secret \(name) does not exist in \(ns)") }
                var explanation =
                    "\(container) cannot start because its environment names "
                    + (missing.isEmpty && secrets.isEmpty
                        ? "a ConfigMap, Secret or key that is missing"
                        : (missing.map { "ConfigMap \($0)" } + secrets.map { "Secret \($0)" }).joined(separator: ", ")
                            + ", which does not exist")
                var fix: [PlanStep] = []
                if missing.count == 1, let name = missing.first, !context.literals.isEmpty {
                    explanation += "; the fix creates it from the values you gave"
                    if created.insert(name).inserted {
                        let create =
                            ["create", "configmap", name]
                            + context.literals.sorted { $0.key < $1.key }.map { "--from-literal=\($0.key)=\($0.value)" }
                            + ["--namespace=\(ns)"]
                        fix = [
                            PlanStep(
                                argv: context.kubectl(create), mutating: true,
                                summary: "create configmap \(name) in \(ns) with \(context.literals.count) values",
                                validationArgv: context.kubectl(create + ["--dry-run=server"])
                            ).undone(
                                by: context.reversal(
                                    ["delete", "configmap/\(name)", "--namespace=\(ns)"],
                                    summary: "delete configmap \(name) in \(ns) again"))
                        ]
                    }
                } else if !missing.isEmpty {
                    explanation += "; say its values to create it (\"fix it with KEY=VALUE\")"
                }
                var checks = PodFacts.checks(pod: pod.name, namespace: ns, context: context)
                checks.append(
                    PlanStep(
                        argv: context.kubectl(["get", "configmaps", "--namespace=\(ns)"]), mutating: false,
                        summary: "list the ConfigMaps in \(ns)"))
                return Finding(
                    problem: "CreateContainerConfigError", severity: .critical, resource: "pod/\(pod.name)",
                    namespace: ns, evidence: evidence, explanation: explanation, fix: fix,
                    checks: fix.isEmpty ? checks : [], subjects: PodFacts.subjects(of: pod, in: snapshot))
            }
        }
    }

    /// ConfigMaps named by env/envFrom (not optional) that are not in the namespace, else the one the message names.
    func missingConfigMaps(_ spec: JSONValue, message: String, snapshot: ClusterSnapshot) -> [String] {
        var names = spec["envFrom"].array.filter { $0["configMapRef"]["optional"].bool != true }
            .compactMap { $0["configMapRef"]["name"].string }
        names += spec["env"].array.compactMap { $0["valueFrom"]["configMapKeyRef"] }
            .filter { $0["optional"].bool != true }.compactMap { $0["name"].string }
        if let known = snapshot.configMapNames {
            return unique(names.filter { !known.contains($0) })
        }
        return unique(names.filter { message.contains("configmap \"\($0)\" not found") })
    }

    func missingSecrets(_ spec: JSONValue, message: String, snapshot: ClusterSnapshot) -> [String] {
        var names = spec["envFrom"].array.filter { $0["secretRef"]["optional"].bool != true }
            .compactMap { $0["secretRef"]["name"].string }
        names += spec["env"].array.compactMap { $0["valueFrom"]["secretKeyRef"] }
            .filter { $0["optional"].bool != true }.compactMap { $0["name"].string }
        if let known = snapshot.secretNames {
            return unique(names.filter { !known.contains($0) })
        }
        return unique(names.filter { message.contains("secret \"\($0)\" not found") })
    }

    private func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
