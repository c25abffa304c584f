/// PVCPending: a claim is not bound (its StorageClass does not exist, or no volume matches).
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
            return Finding(
                problem: "PVCPending", severity: .warning, resource: "persistentvolumeclaim/\(claim.name)",
                namespace: ns, evidence: evidence, explanation: explanation,
                checks: [
                    PlanStep(
                        argv: context.kubectl(["get", "storageclasses"]), mutating: false,
                        summary: "list the StorageClasses that exist"),
                    PlanStep(
                        argv: context.kubectl(["describe", "persistentvolumeclaim/\(claim.name)", "--namespace=\(ns)"]),
                        mutating: false, summary: "show the claim's events"),
                ], subjects: subjects)
        }
    }
}
