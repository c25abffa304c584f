import Foundation

/// ImagePullBackOff, ErrImagePull, InvalidImageName, ErrImageNeverPull: the image cannot be had.
/// The fix rolls a deployment back to its last revision with another image.
struct ImagePullAnalyzer: Analyzer {
    let id = "image_pull"
    let problems = ["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        var fixed: Set<String> = []
        return snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, spec -> Finding? in
                guard let reason = status["state"]["waiting"]["reason"].string, problems.contains(reason),
                    let container = status["name"].string
                else { return nil }
                let ns = snapshot.namespace
                let image = spec["image"].string ?? status["image"].string ?? ""
                var evidence = ["container \(container) is waiting: \(reason)", "image: \(image)"]
                if let message = status["state"]["waiting"]["message"].string { evidence.append(message) }
                let policy = spec["imagePullPolicy"].string
                if let policy { evidence.append("imagePullPolicy: \(policy)") }
                var explanation =
                    policy == "Never"
                    ? "the image \(image) is not on the node and imagePullPolicy: Never forbids pulling it; "
                        + "on minikube build it into minikube's docker (eval $(minikube docker-env)) or load it"
                    : "the image \(image) cannot be pulled: the name or tag is wrong, or the registry needs credentials"
                var fix: [PlanStep] = []
                if let owner = snapshot.owner(ofPod: pod), owner.kind == "deployment",
                    let previous = previousRevision(of: owner.name, without: image, in: snapshot)
                {
                    let reference = "deployment/\(owner.name)"
                    explanation += "; revision \(previous.revision) used \(previous.image), so the fix rolls back to it"
                    if fixed.insert(reference).inserted {
                        let undo = [
                            "rollout", "undo", reference, "--to-revision=\(previous.revision)", "--namespace=\(ns)",
                        ]
                        fix = [
                            PlanStep(
                                argv: context.kubectl(undo), mutating: true,
                                summary: "roll \(reference) back to revision \(previous.revision) (\(previous.image))",
                                validationArgv: context.kubectl(undo + ["--dry-run=server"])
                            ).undone(
                                by: previous.current.map { current in
                                    context.reversal(
                                        [
                                            "rollout", "undo", reference, "--to-revision=\(current)",
                                            "--namespace=\(ns)",
                                        ],
                                        summary: "roll \(reference) forward to revision \(current) (\(image)) again",
                                        then: [PodFacts.rolloutStatus(reference, namespace: ns, context: context)])
                                } ?? .impossible("the revision of \(reference) was not read")),
                            PodFacts.rolloutStatus(reference, namespace: ns, context: context),
                        ]
                    }
                }
                return Finding(
                    problem: reason, severity: .critical, resource: "pod/\(pod.name)", namespace: ns,
                    evidence: evidence, explanation: explanation, fix: fix,
                    checks: fix.isEmpty ? PodFacts.checks(pod: pod.name, namespace: ns, context: context) : [],
                    subjects: PodFacts.subjects(of: pod, in: snapshot))
            }
        }
    }

    /// The newest older revision of a deployment whose pods used another image.
    func previousRevision(of deployment: String, without image: String, in snapshot: ClusterSnapshot)
        -> (revision: Int, image: String, current: Int?)?
    {
        let sets = snapshot.items("ReplicaSet").filter {
            $0["metadata"]["ownerReferences"].array.contains {
                $0["kind"].string == "Deployment" && $0["name"].string == deployment
            }
        }
        let revisions = sets.compactMap { set -> (Int, String)? in
            guard let revision = set["metadata"]["annotations"]["deployment.kubernetes.io/revision"].int else {
                return nil
            }
            let images = set["spec"]["template"]["spec"]["containers"].array.compactMap { $0["image"].string }
            return (revision, images.joined(separator: ", "))
        }
        guard let current = revisions.map(\.0).max() else { return nil }
        return revisions.filter {
            $0.0 < current
                && !$0.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(image)
        }
        .max { $0.0 < $1.0 }
        .map { (revision: $0.0, image: $0.1, current: current) }
    }
}
