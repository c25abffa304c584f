import Intent

/// PVCPending: a claim is not bound (its StorageClass does not exist, or no volume matches).
///
/// When the class asked for does not exist and one that does is evidently meant (its name one slip away, else the
/// cluster's one default class, else its only class), the fix makes the claim again on that class: a claim's class
/// cannot change, and a claim that was never bound holds no data. The new claim is the old one's spec (access
/// modes, size, volume mode) with that class; a claim with more (a selector, a data source, a volume named) gets no
/// fix, only the checks.
struct PVCPendingAnalyzer: Analyzer {
    let id = "pvc_pending"
    let problems = ["PVCPending"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        let classes = snapshot.items("StorageClass").map(\.name)
        return snapshot.items("PersistentVolumeClaim").compactMap { claim in
            guard claim["status"]["phase"].string == "Pending" else { return nil }
            let ns = snapshot.namespace
            let wanted = claim["spec"]["storageClassName"].string
            var evidence = ["status: Pending"]
            var explanation = "the claim is not bound to a volume, so pods using it cannot start"
            if let wanted, snapshot.clusterScopedRead, !classes.contains(wanted) {
                evidence.append("storageClassName \(wanted) does not exist")
                explanation = "the claim asks for StorageClass \(wanted), which does not exist; use one that does"
            } else if let wanted {
                evidence.append("storageClassName: \(wanted)")
            } else {
                evidence.append(
                    "no storageClassName and "
                        + (classes.isEmpty ? "no StorageClass exists" : "no default provisioned it"))
            }
            evidence.append("storage classes: " + (classes.isEmpty ? "none" : classes.sorted().joined(separator: ", ")))
            evidence += PodFacts.eventEvidence(snapshot, kind: "PersistentVolumeClaim", name: claim.name)
            var subjects: Set<String> = [claim.name]
            for pod in snapshot.items("Pod")
            where pod["spec"]["volumes"].array.contains(where: {
                $0["persistentVolumeClaim"]["claimName"].string == claim.name
            }) {
                subjects.formUnion(PodFacts.subjects(of: pod, in: snapshot))
            }
            var fix: [PlanStep] = []
            if let wanted, snapshot.clusterScopedRead, !classes.contains(wanted),
                let meant = Self.meantClass(wanted, among: snapshot.items("StorageClass")),
                let manifest = Self.claim(claim, storageClass: meant.name, namespace: ns)
            {
                explanation += "; \(meant.why), so the fix makes the claim again on it (a claim's class cannot change, "
                    + "and one never bound holds no data; the API server can check the new claim only once the old one "
                    + "is gone)"
                fix = Self.remake(claim.name, manifest: manifest, on: meant, namespace: ns, context: context)
            }
            return Finding(
                problem: "PVCPending", severity: .warning, resource: "persistentvolumeclaim/\(claim.name)",
                namespace: ns, evidence: evidence, explanation: explanation, fix: fix,
                checks: fix.isEmpty ? [
                    PlanStep(
                        argv: context.kubectl(["get", "storageclasses"]), mutating: false,
                        summary: "list the StorageClasses that exist"),
                    PlanStep(
                        argv: context.kubectl(["describe", "persistentvolumeclaim/\(claim.name)", "--namespace=\(ns)"]),
                        mutating: false, summary: "show the claim's events"),
                ] : [], subjects: subjects)
        }
    }

    /// The class a claim for a missing one evidently meant: the one class whose name is one slip from it, else the
    /// one the cluster marks default, else the cluster's only class; nil when none or several fit.
    static func meantClass(_ wanted: String, among classes: [JSONValue])
        -> (name: String, immediate: Bool, why: String)?
    {
        func described(_ item: JSONValue, _ why: String) -> (name: String, immediate: Bool, why: String) {
            let mode = item["volumeBindingMode"].string ?? "Immediate"
            return (item.name, mode == "Immediate", why)
        }
        let near = classes.filter { EditDistance.isWithinOne($0.name.lowercased(), wanted.lowercased()) }
        if near.count == 1, let item = near.first {
            return described(item, "StorageClass \(item.name) is one letter from it")
        }
        guard near.isEmpty else { return nil }
        let defaults = classes.filter { item in
            ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
                .contains { item["metadata"]["annotations"][$0].string == "true" }
        }
        if defaults.count == 1, let item = defaults.first {
            return described(item, "StorageClass \(item.name) is the cluster's default")
        }
        if defaults.isEmpty, classes.count == 1, let item = classes.first {
            return described(item, "StorageClass \(item.name) is the only one")
        }
        return nil
    }

    /// The claim made again on `storageClass`: its name, labels, access modes, size and volume mode; nil when it says
    /// more than that (a selector, a data source, a volume named), which kagent does not copy.
    static func claim(_ claim: JSONValue, storageClass: String, namespace: String) -> Manifest? {
        let spec = claim["spec"]
        let copied: Set<String> = ["accessModes", "resources", "volumeMode", "storageClassName"]
        guard Set(spec.object.keys).isSubset(of: copied), claim["metadata"]["annotations"]["pv.kubernetes.io/bind-completed"].string == nil,
            let size = spec["resources"]["requests"]["storage"].string,
            Set(spec["resources"].object.keys).isSubset(of: ["requests"]),
            Set(spec["resources"]["requests"].object.keys) == ["storage"]
        else { return nil }
        let labels = claim["metadata"]["labels"].stringMap.sorted { $0.key < $1.key }
        let modes = spec["accessModes"].array.compactMap(\.string)
        return [
            "apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": NewObject.metadata(name: claim.name, namespace: namespace, labels: labels),
            "spec": .fields([
                ("storageClassName", .string(storageClass)),
                ("accessModes", modes.isEmpty ? nil : .list(modes.map(Manifest.string))),
                ("volumeMode", spec["volumeMode"].string.map(Manifest.string)),
                ("resources", ["requests": ["storage": .string(size)]]),
            ]),
        ]
    }

    /// Delete the unbound claim, create it again on the class, check the class stored, and (when the class binds at
    /// once) wait until it is bound. Not undone: the claim asked for a class that does not exist.
    static func remake(
        _ name: String, manifest: Manifest, on meant: (name: String, immediate: Bool, why: String), namespace: String,
        context: AnalysisContext
    ) -> [PlanStep] {
        let reference = "persistentvolumeclaim/\(name)"
        let scope = "--namespace=\(namespace)"
        let delete = ["delete", reference, scope, "--wait=true"]
        let create = ["create", "--filename=-", scope]
        var steps = [
            PlanStep(
                argv: context.kubectl(delete), mutating: true,
                summary: "delete the unbound claim \(name) (it holds no data)",
                validationArgv: context.kubectl(delete + ["--dry-run=server"]), timeoutSeconds: 60
            ).irreversible("the claim asked for a StorageClass that does not exist; it is made again on \(meant.name)"),
            PlanStep(
                argv: context.kubectl(create), mutating: true,
                summary: "create claim \(name) again on StorageClass \(meant.name)", timeoutSeconds: 30,
                input: .manifest([manifest])
            ).irreversible("the old claim's class does not exist; delete claim \(name) to take this back"),
            PlanStep(
                argv: context.kubectl(["get", reference, scope, "--output=jsonpath={.spec.storageClassName}"]),
                mutating: false, summary: "check that claim \(name) asks for \(meant.name)",
                expectation: .outputEquals(meant.name), timeoutSeconds: 30),
        ]
        if meant.immediate {
            steps.append(
                PlanStep(
                    argv: context.kubectl([
                        "wait", "--for=jsonpath={.status.phase}=Bound", reference, scope, "--timeout=60s",
                    ]), mutating: false, summary: "wait until claim \(name) is bound to a volume", timeoutSeconds: 75))
        }
        return steps
    }
}
