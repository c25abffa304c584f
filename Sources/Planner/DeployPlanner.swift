import Intent

/// Plans `deploy`: what the project on disk holds, found by loose names ("the backend", "frontend chart",
/// "dev values", "minikube overlay") and deployed exactly.
///
/// - A Helm chart: `helm upgrade --install RELEASE CHART --namespace=NS [--create-namespace] --values=FILE
///   --wait --timeout=5m`, checked first with `--dry-run=server` (the chart renders with those values and its
///   objects are valid for this API server), then `kubectl rollout status` of the release's deployments.
/// - A Kustomize folder or manifests: `kubectl apply -k DIR` / `-f PATH` (validated with `--dry-run=server`),
///   then `kubectl rollout status` for its Deployments and StatefulSets and `kubectl wait --for=condition=complete`
///   for its Jobs.
///
/// When a name fits several things, or nothing, the plan is refused with the candidates: never a guess.
struct DeployPlanner: ActionPlanner {
    let actions = ["deploy"]
    static let helmTimeout = "5m"
    static let waitSeconds = 300

    /// What a request deploys.
    enum Choice: Equatable {
        case chart(HelmChart)
        case kustomization(Kustomization)
        case manifests(ManifestFolder)

        var description: String {
            switch self {
            case .chart(let chart): return "helm chart \(chart.name) (\(chart.path))"
            case .kustomization(let kustomization):
                return (kustomization.isOverlay ? "kustomize overlay " : "kustomize folder ") + kustomization.path
            case .manifests(let folder): return "manifests in \(folder.path)"
            }
        }
    }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let source = intent.text("source")
        if let path = intent.text("path") {
            let inventory = try context.project?.inventory() ?? ProjectInventory()
            let trimmed = Self.trimmed(path)
            if source == "kustomize" {
                let known = inventory.kustomizations.first { $0.path == trimmed }
                return try await apply(
                    ["-k", path], objects: known?.objects, namespace: known?.namespace, what: path, intent: intent,
                    request: request, context: context)
            }
            let known = inventory.manifestFolders.first { $0.path == trimmed }
            return try await apply(
                ["-f", path], objects: known?.objects, namespace: nil, what: path, intent: intent, request: request,
                context: context)
        }
        guard let project = context.project else {
            throw .invalidValue(
                slot: "request", value: request,
                reason: "kagent cannot see a project folder here; run it in the project's folder or give --project-dir")
        }
        let inventory = try project.inventory()
        switch try Self.choose(intent, in: inventory) {
        case .chart(let chart):
            return try await helm(chart, inventory: inventory, intent: intent, request: request, context: context)
        case .kustomization(let kustomization):
            let what = "kustomize \(kustomization.isOverlay ? "overlay" : "folder") \(kustomization.path)"
            let asked = [intent.text("target"), intent.text("overlay").map { "\($0) overlay" }].compactMap { $0 }
            return try await apply(
                ["-k", kustomization.path], objects: kustomization.objects, namespace: kustomization.namespace,
                what: what, intent: intent, request: request, context: context,
                note: asked.isEmpty ? nil : "'\(asked.joined(separator: " "))' is the \(what)")
        case .manifests(let folder):
            return try await apply(
                ["-f", folder.path], objects: folder.objects, namespace: nil, what: "the manifests in \(folder.path)",
                intent: intent, request: request, context: context,
                note: intent.text("target").map { "'\($0)' is the manifest folder \(folder.path)" })
        }
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasSuffix("/") && path.count > 1 { path.removeLast() }
        return path
    }

    // MARK: - Choosing

    /// The one thing the request names.
    static func choose(_ intent: UserIntent, in inventory: ProjectInventory) throws(PlannerError) -> Choice {
        let source = intent.text("source")
        let target = intent.text("target")
        let overlay = intent.text("overlay")
        let values = intent.text("values")
        var candidates: [Choice] = []
        if source == nil || source == "helm", overlay == nil {
            candidates += inventory.charts.filter { chart in target.map(chart.isNamed) ?? true }.map(Choice.chart)
        }
        if source == nil || source == "kustomize", values == nil {
            var kustomizations = inventory.kustomizations.filter { kustomization in
                (overlay.map(kustomization.isNamed) ?? true)
                    && (target.map { kustomization.isInProject($0) } ?? true)
            }
            // A project's overlays are what is deployed; its base only when it has no overlays or is named.
            if overlay == nil, kustomizations.contains(where: \.isOverlay) {
                kustomizations = kustomizations.filter { candidate in
                    candidate.isOverlay || !kustomizations.contains { $0.bases.contains(candidate.path) }
                }
            }
            candidates += kustomizations.map(Choice.kustomization)
        }
        if source == nil || source == "manifests", overlay == nil, values == nil, let target {
            candidates += inventory.manifestFolders.filter { $0.isNamed(target) }.map(Choice.manifests)
        }
        let asked = [target, overlay.map { "\($0) overlay" }].compactMap { $0 }.joined(separator: " ")
        guard let first = candidates.first else {
            let known =
                (inventory.charts.map { Choice.chart($0) } + inventory.kustomizations.map(Choice.kustomization)
                + inventory.manifestFolders.map(Choice.manifests)).map(\.description)
            throw .invalidValue(
                slot: overlay != nil && target == nil ? "overlay" : "target", value: asked.isEmpty ? "" : asked,
                reason: known.isEmpty
                    ? "nothing to deploy here: no Helm chart, kustomization.yaml or manifest folder; "
                        + "run kagent in the project's folder or give --project-dir"
                    : "nothing in the project fits; what can be deployed: \(known.joined(separator: "; "))")
        }
        guard candidates.count == 1 else {
            throw .invalidValue(
                slot: "target", value: asked.isEmpty ? "" : asked,
                reason: "it fits \(candidates.count) things: \(candidates.map(\.description).joined(separator: "; ")); "
                    + "say which, for example: \(example(candidates[0]))")
        }
        return first
    }

    static func example(_ choice: Choice) -> String {
        switch choice {
        case .chart(let chart): return "deploy the \(chart.path) chart"
        case .kustomization(let kustomization):
            return kustomization.isOverlay
                ? "apply the \(kustomization.folderName) overlay" : "kubectl apply -k \(kustomization.path)"
        case .manifests(let folder): return "apply the manifests in \(folder.path)"
        }
    }

    /// The values file a word means for a chart: one of its own (`values-dev.yaml`, "dev", "development"), else
    /// one outside the chart folder that names the chart too (`deploy/backend-values-prod.yaml`).
    static func valuesFile(_ word: String, for chart: HelmChart, inventory: ProjectInventory) throws(PlannerError)
        -> String
    {
        func fits(_ path: String) -> Bool {
            path == word || trimmed(word) == path || ProjectNames.lastComponent(path) == word
                || ProjectNames.matches(word, names: [ProjectNames.lastComponent(path)])
        }
        var found = chart.valuesFiles.filter(fits)
        if found.isEmpty {
            found = inventory.looseValuesFiles.filter { path in
                fits(path)
                    && (ProjectNames.lastComponent(path) == word || path == trimmed(word)
                        || ProjectNames.matches(chart.folderName, names: path.split(separator: "/").map(String.init))
                        || ProjectNames.matches(chart.name, names: path.split(separator: "/").map(String.init)))
            }
        }
        guard let file = found.first else {
            let known = chart.valuesFiles + inventory.looseValuesFiles
            throw .invalidValue(
                slot: "values", value: word,
                reason: "no values file of chart \(chart.name) fits"
                    + (known.isEmpty
                        ? " (it has none besides values.yaml)" : "; values files: \(known.joined(separator: ", "))"))
        }
        guard found.count == 1 else {
            throw .invalidValue(
                slot: "values", value: word,
                reason: "it fits several values files: \(found.joined(separator: ", ")); give the file's name")
        }
        return file
    }

    // MARK: - Helm

    func helm(
        _ chart: HelmChart, inventory: ProjectInventory, intent: UserIntent, request: String, context: PlanningContext
    ) async throws(PlannerError) -> ExecutionPlan {
        let values = try intent.text("values").map { word throws(PlannerError) in
            try Self.valuesFile(word, for: chart, inventory: inventory)
        }
        var notes: [String] = []
        let said = try context.namespace(of: intent)
        var release = chart.name
        var namespace = said ?? context.defaultNamespace
        var createNamespace = true
        var previousRevision: Int?
        if let cluster = context.cluster {
            // An installed release of this chart is upgraded where it is.
            let installed = try await cluster.helmReleases(namespace: said).filter {
                $0.chart.hasPrefix(chart.name + "-") && $0.chart.dropFirst(chart.name.count + 1).first?.isNumber == true
            }
            if let existing = installed.first(where: { $0.name == chart.name }) ?? installed.first,
                installed.count == 1 || installed.contains(where: { $0.name == chart.name })
            {
                release = existing.name
                namespace = existing.namespace
                previousRevision = existing.revision
                notes.append(
                    "upgrades helm release \(release) in namespace \(namespace) (revision \(existing.revision))")
            } else if installed.count > 1 {
                throw .invalidValue(
                    slot: "target", value: chart.name,
                    reason: "chart \(chart.name) is installed as several releases: "
                        + installed.map { "\($0.name) in \($0.namespace)" }.joined(separator: ", ")
                        + "; say which namespace with -n")
            }
            let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil).map(\.name)
            createNamespace = !namespaces.contains(namespace)
        }
        if let problem = KubernetesName.labelProblem(namespace) {
            throw .invalidValue(slot: "namespace", value: namespace, reason: problem)
        }
        notes.insert(
            "'\(intent.text("target") ?? chart.name)' is the helm chart \(chart.name) in \(chart.path)"
                + (values.map { " with \($0)" } ?? ""), at: 0)
        var arguments = ["upgrade", "--install", release, chart.path, "--namespace=\(namespace)"]
        if createNamespace { arguments.append("--create-namespace") }
        if let values { arguments.append("--values=\(values)") }
        // A secret value never goes on a command line (it would be in the plan, the JSON, the audit log and
        // `ps`): those pairs go to a private values file written only while helm runs.
        var secretPairs: [String] = []
        for pair in intent["set"]?.list ?? [] {
            let key = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            if SecretPolicy.isSecretKey(key) { secretPairs.append(pair) } else { arguments.append("--set=\(pair)") }
        }
        var privateValues: PrivateValues?
        if !secretPairs.isEmpty {
            do {
                privateValues = try PrivateValues(pairs: secretPairs)
            } catch {
                switch error {
                case .conflicting(let key):
                    throw .invalidValue(
                        slot: "set", value: key,
                        reason: "the secret values' keys do not make one set of helm values; put them in a values "
                            + "file kept out of the repository (deploy the backend with FILE values)")
                }
            }
        }
        if let privateValues {
            arguments.append(privateValues.argument)
            let keys = privateValues.pairs.map { String($0.prefix { $0 != "=" }) }
            notes.append(
                "the secret value\(keys.count == 1 ? " of" : "s of") \(keys.joined(separator: ", ")) "
                    + "\(keys.count == 1 ? "goes" : "go") to helm in a private values file (mode 0600) that exists "
                    + "only while helm runs, never on its command line")
        }
        arguments += ["--wait", "--timeout=\(Self.helmTimeout)"]
        var steps = [
            PlanStep(
                argv: context.helm(arguments), mutating: true,
                summary: "install or upgrade release \(release) from \(chart.path)"
                    + (values.map { " with \($0)" } ?? "") + " and wait until its pods are ready",
                // The server dry run renders the chart with these values and checks its objects against this API
                // server's schemas; nothing is stored.
                validationArgv: context.helm(
                    arguments.filter { !$0.hasPrefix("--wait") && !$0.hasPrefix("--timeout") }
                        + ["--dry-run=server"]),
                timeoutSeconds: 330, privateValues: privateValues
            ).undone(
                by: Self.reversal(
                    release: release, namespace: namespace, previousRevision: previousRevision,
                    createsNamespace: createNamespace, context: context))
        ]
        if chart.hasDeployments {
            steps.append(
                PlanStep(
                    argv: context.kubectl(
                        "rollout", "status", "deployment", "--selector=app.kubernetes.io/instance=\(release)",
                        "--namespace=\(namespace)", "--timeout=\(Self.waitSeconds)s"),
                    mutating: false, summary: "check that the deployments of release \(release) are rolled out",
                    timeoutSeconds: Self.waitSeconds + 15))
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "release \(release) of chart \(chart.name) is deployed in namespace \(namespace)"
                + (values.map { " with \($0)" } ?? ""),
            subjects: [HelmRelease(name: release, namespace: namespace).object])
    }

    /// An upgrade goes back to the revision before it; a first install is uninstalled. Offline, which it is was
    /// not read.
    static func reversal(
        release: String, namespace: String, previousRevision: Int?, createsNamespace: Bool, context: PlanningContext
    ) -> Reversal {
        if let previousRevision, previousRevision > 0 {
            return context.helmReversal(release: release, namespace: namespace, revision: previousRevision)
        }
        guard context.cluster != nil else {
            return .impossible("planned --offline, kagent did not read whether release \(release) is installed already")
        }
        let summary =
            "uninstall release \(release) from \(namespace) again"
            + (createsNamespace ? " (namespace \(namespace), created for it, is kept)" : "")
        return .steps(
            summary: summary,
            context.pinned.helmUninstallSteps(release: release, namespace: namespace, summary: summary))
    }

    // MARK: - kubectl apply

    func apply(
        _ source: [String], objects: [ManifestObject]?, namespace fixed: String?, what: String, intent: UserIntent,
        request: String, context: PlanningContext, note: String? = nil
    ) async throws(PlannerError) -> ExecutionPlan {
        let said = try context.namespace(of: intent)
        if let fixed, let said, fixed != said {
            throw .invalidValue(
                slot: "namespace", value: said,
                reason: "\(what) puts its objects in namespace \(fixed); kubectl would refuse another one. "
                    + "Leave out -n, or make an overlay with namespace: \(said)")
        }
        let namespace = fixed ?? said ?? context.defaultNamespace
        var notes = note.map { [$0] } ?? []
        if objects == nil { notes.append("\(what) is not in the project kagent read: its rollouts are not waited for") }
        var change = context.changeStep(
            ["apply"] + source + (fixed == nil ? ["--namespace=\(namespace)"] : []),
            summary: "apply \(what)", timeoutSeconds: 120
        ).irreversible(
            "kubectl apply keeps no earlier version of the objects that kagent could restore; "
                + "apply the previous version of \(what) to go back")
        // The server can only check objects of a namespace that exists; one the manifests create is not there yet.
        if let cluster = context.cluster, (objects ?? []).contains(where: { $0.kind == "namespace" }),
            !(try await cluster.objects(kinds: ["namespace"], namespace: nil)).contains(where: { $0.name == namespace })
        {
            change.validationArgv = nil
            notes.append(
                "namespace \(namespace) does not exist yet (\(what) creates it), so the API server cannot check the "
                    + "objects before they are applied")
        }
        // Jobs that exist already: re-applying one whose pod template changed is refused by the server, and the
        // session then offers to delete it first (``ExecutionPlan/recreatingJobs(refused:)``).
        if let cluster = context.cluster, (objects ?? []).contains(where: { $0.kind == "job" }) {
            let existing = try await cluster.objects(kinds: ["job"], namespace: namespace)
            change.existingJobs = (objects ?? []).filter { $0.kind == "job" }.compactMap { job in
                existing.first { $0.name == job.name && $0.namespace == (job.namespace ?? namespace) }
            }
        }
        let steps =
            [change]
            + (objects ?? []).filter(\.isAwaited).map { object in
                waitStep(object, namespace: object.namespace ?? namespace, context: context)
            }
        let subjects = (objects ?? []).filter(\.isAwaited).map {
            ClusterObject(kind: $0.kind, name: $0.name, namespace: $0.namespace ?? namespace)
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "applied \(what)" + (subjects.isEmpty ? "" : "; \(subjects.count) workloads and jobs are ready"),
            subjects: subjects)
    }

    func waitStep(_ object: ManifestObject, namespace: String, context: PlanningContext) -> PlanStep {
        if object.kind == "job" {
            return PlanStep(
                argv: context.kubectl(
                    "wait", "--for=condition=complete", "job/\(object.name)", "--namespace=\(namespace)",
                    "--timeout=\(Self.waitSeconds)s"),
                mutating: false, summary: "wait until job \(object.name) has completed",
                timeoutSeconds: Self.waitSeconds + 15)
        }
        return context.rolloutStatusStep(ClusterObject(kind: object.kind, name: object.name, namespace: namespace))
    }
}
