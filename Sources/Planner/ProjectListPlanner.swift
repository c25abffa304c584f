import Intent

/// Plans `project_list` ("what can I deploy here"): lists the project's charts with their values files,
/// Kustomize folders and overlays, manifest folders, compose files and Dockerfiles. Nothing runs.
struct ProjectListPlanner: ActionPlanner {
    let actions = ["project_list"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let project = context.project else {
            throw .invalidValue(
                slot: "request", value: request,
                reason: "kagent cannot see a project folder here; give one with --project-dir")
        }
        let inventory = try project.inventory()
        let lines = Self.lines(inventory)
        guard !lines.isEmpty else {
            throw .invalidValue(
                slot: "project", value: ".",
                reason: "nothing to deploy here: no Helm chart (Chart.yaml), kustomization.yaml, Kubernetes manifest, "
                    + "compose file or Dockerfile; run kagent in the project's folder or give --project-dir")
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: [], notes: lines,
            outcome: "found \(Self.count(inventory)); say for example: " + Self.example(inventory))
    }

    /// One line per thing found, grouped by kind.
    static func lines(_ inventory: ProjectInventory) -> [String] {
        var lines: [String] = []
        for chart in inventory.charts {
            let values = chart.valuesFiles.map { ProjectNames.lastComponent($0) }
            lines.append(
                "helm chart \(chart.name) (\(chart.path))"
                    + (values.isEmpty ? "" : ", values files: \(values.joined(separator: ", "))"))
        }
        if !inventory.looseValuesFiles.isEmpty {
            lines.append("values files outside the charts: \(inventory.looseValuesFiles.joined(separator: ", "))")
        }
        for kustomization in inventory.kustomizations {
            let what = kustomization.isOverlay ? "kustomize overlay \(kustomization.folderName)" : "kustomize base"
            let namespace = kustomization.namespace.map { " into namespace \($0)" } ?? ""
            lines.append(
                "\(what) (\(kustomization.path))\(namespace): \(objectSummary(kustomization.objects))")
        }
        for folder in inventory.manifestFolders {
            lines.append("manifests (\(folder.path)): \(objectSummary(folder.objects))")
        }
        for file in inventory.composeFiles {
            lines.append("compose file \(file.path): services \(file.services.map(\.name).joined(separator: ", "))")
        }
        for dockerfile in inventory.dockerfiles {
            lines.append(
                "Dockerfile \(dockerfile.path) builds \(dockerfile.name)"
                    + (dockerfile.baseImage.map { " (from \($0))" } ?? ""))
        }
        return lines
    }

    /// "3 deployments, 1 job, 1 configmap".
    static func objectSummary(_ objects: [ManifestObject]) -> String {
        var counts: [(kind: String, count: Int)] = []
        for object in objects {
            if let index = counts.firstIndex(where: { $0.kind == object.kind }) {
                counts[index].count += 1
            } else {
                counts.append((object.kind, 1))
            }
        }
        return counts.map { "\($0.count) \($0.kind)\($0.count == 1 ? "" : "s")" }.joined(separator: ", ")
    }

    static func count(_ inventory: ProjectInventory) -> String {
        let parts: [(Int, String)] = [
            (inventory.charts.count, "helm chart"), (inventory.kustomizations.count, "kustomize folder"),
            (inventory.manifestFolders.count, "manifest folder"), (inventory.composeFiles.count, "compose file"),
            (inventory.dockerfiles.count, "Dockerfile"),
        ]
        return parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: ", ")
    }

    static func example(_ inventory: ProjectInventory) -> String {
        if let chart = inventory.charts.first {
            let values = chart.valuesFiles.first.map { " with \(ProjectNames.lastComponent($0))" } ?? ""
            return "deploy the \(chart.folderName) chart\(values)"
        }
        if let overlay = inventory.kustomizations.first(where: \.isOverlay) ?? inventory.kustomizations.first {
            return "apply the \(overlay.folderName) overlay"
        }
        if let folder = inventory.manifestFolders.first { return "apply the manifests in \(folder.path)" }
        if inventory.composeFiles.first != nil { return "docker compose up" }
        return "build an image from \(inventory.dockerfiles.first?.folder ?? ".")"
    }
}
