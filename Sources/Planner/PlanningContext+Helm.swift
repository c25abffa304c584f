import Intent

extension PlanningContext {
    /// `helm`, then the connection flags the user gave kagent (`--kubeconfig`, `--kube-context`), then the arguments.
    public func helm(_ arguments: String...) -> [String] { helm(arguments) }

    public func helm(_ arguments: [String]) -> [String] {
        var argv = ["helm"]
        if let kubeconfig { argv.append("--kubeconfig=\(kubeconfig)") }
        if let kubeContext { argv.append("--kube-context=\(kubeContext)") }
        return argv + arguments
    }

    /// Putting a release back at the revision it has now (read while planning): `helm rollback` to it. A rollback
    /// makes a new revision with that revision's chart and values, so the release is as it was.
    func helmReversal(release: String, namespace: String, revision: Int) -> Reversal {
        let summary = "roll release \(release) in \(namespace) back to revision \(revision)"
        return .steps(
            summary: summary,
            pinned.helmRollbackSteps(
                release: release, namespace: namespace, revision: revision,
                summary: summary + " and wait for its resources"))
    }

    /// How long helm waits for a release's resources (`--wait`, helm's default 5 minutes); kagent stops the step
    /// 30 s after that.
    static let helmWaitSeconds = 300

    /// `helm rollback RELEASE [REVISION] --wait` (the previous revision when nil), then the release's status.
    func helmRollbackSteps(release: String, namespace: String, revision: Int?, summary: String) -> [PlanStep] {
        let ns = "--namespace=\(namespace)"
        return [
            PlanStep(
                argv: helm(["rollback", release] + (revision.map { [String($0)] } ?? []) + [ns, "--wait"]),
                mutating: true, summary: summary, timeoutSeconds: Self.helmWaitSeconds + 30),
            PlanStep(
                argv: helm("status", release, ns), mutating: false,
                summary: "check the release's status after the rollback"),
        ]
    }

    /// `helm uninstall RELEASE --wait`, then a check that the release is gone.
    func helmUninstallSteps(
        release: String, namespace: String, summary: String, confirmation: PlanStep.Confirmation = .standard
    ) -> [PlanStep] {
        let ns = "--namespace=\(namespace)"
        return [
            PlanStep(
                argv: helm("uninstall", release, ns, "--wait"), mutating: true, summary: summary,
                timeoutSeconds: Self.helmWaitSeconds + 30, confirmation: confirmation),
            PlanStep(
                argv: helm("list", ns, "--filter=^\(release)$", "--short"), mutating: false,
                summary: "check that \(release) is gone", expectation: .outputEquals("")),
        ]
    }

    /// The release a loose name means ("backend" → todo-backend in todo), in the intent's namespace or, when
    /// none is given, in whichever namespace has it; a note when the name was not literal.
    /// Offline, the name is taken literally, in the given or default namespace.
    /// - Throws: ``PlannerError/ambiguous(name:candidates:)`` or ``PlannerError/notFound(kind:name:namespace:nearby:)``.
    public func resolveRelease(_ name: String, for intent: UserIntent) async throws(PlannerError)
        -> (release: HelmRelease, note: String?)
    {
        let namespace = try self.namespace(of: intent)
        guard let cluster else {
            if let problem = KubernetesName.subdomainProblem(name) {
                throw .invalidValue(slot: "release", value: name, reason: problem)
            }
            return (HelmRelease(name: name, namespace: namespace ?? defaultNamespace), nil)
        }
        let releases = try await cluster.helmReleases(namespace: namespace)
        let preferred = namespace ?? defaultNamespace
        // "the backend helm release": the words that say it is a release are not its name.
        let words = NameResolver.words(of: name.lowercased()).filter { !NameResolver.helmWords.contains(String($0)) }
        let query = words.isEmpty || releases.contains(where: { $0.name == name }) ? name : words.joined(separator: "-")
        switch NameResolver().resolve(query, among: releases.map(\.object), preferredNamespace: preferred) {
        case .found(let object, let exact):
            guard let release = releases.first(where: { $0.name == object.name && $0.namespace == object.namespace })
            else {
                throw .notFound(kind: "helm release", name: name, namespace: namespace, nearby: [])
            }
            let note =
                !exact || namespace == nil
                ? "'\(name)' is the helm release \(release.name) in namespace \(release.namespace)" : nil
            return (release, note)
        case .ambiguous(let candidates):
            throw .ambiguous(name: name, candidates: candidates)
        case .notFound(let nearby):
            throw .notFound(kind: "helm release", name: name, namespace: namespace, nearby: nearby)
        }
    }
}
