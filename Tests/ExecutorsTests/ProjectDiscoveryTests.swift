import Executors
import Foundation
import Intent
import Planner
import TestSupport
import Testing

@Suite("Project discovery and deploy choices")
struct ProjectDiscoveryTests {
    /// The plan for one intent against a project folder, offline.
    func plan(_ slots: [String: SlotValue], action: String = "deploy", in reader: DiskProjectReader)
        async throws(PlannerError) -> ExecutionPlan
    {
        let context = PlanningContext(cluster: nil, project: reader)
        return try await Planner(context: context).plan(
            request: "test", intents: [UserIntent(action: action, slots: slots)])
    }

    /// The message of the planner error a plan throws, or nil when it plans.
    func failure(_ slots: [String: SlotValue], action: String = "deploy", in reader: DiskProjectReader) async
        -> String?
    {
        do {
            _ = try await plan(slots, action: action, in: reader)
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    @Test("the examples: two charts with their values files, a Kustomize base and two overlays, five Dockerfiles")
    func examples() throws {
        let inventory = try DiskProjectReader(root: Repository.examples).inventory()
        #expect(inventory.charts.map(\.name) == ["todo-backend", "todo-frontend"])
        #expect(inventory.charts.map(\.path) == ["todo-app/helm/backend", "todo-app/helm/frontend"])
        #expect(
            inventory.charts.first?.valuesFiles == [
                "todo-app/helm/backend/values-dev.yaml", "todo-app/helm/backend/values-prod.yaml",
            ])
        #expect(inventory.charts.allSatisfy { $0.hasDeployments })
        #expect(inventory.looseValuesFiles.isEmpty)
        let manifests = "srvthreds/infrastructure/local/minikube/manifests"
        #expect(
            inventory.kustomizations.map(\.path) == ["\(manifests)/base", "\(manifests)/minikube", "\(manifests)/prod"])
        let minikube = try #require(inventory.kustomizations.first { $0.folderName == "minikube" })
        #expect(minikube.isOverlay && minikube.bases == ["\(manifests)/base"])
        #expect(minikube.namespace == "srvthreds")
        #expect(
            minikube.objects.filter(\.isAwaited).map(\.name) == [
                "srvthreds-engine", "srvthreds-session-agent", "srvthreds-persistence-agent", "srvthreds-cache",
                "srvthreds-bootstrap",
            ])
        #expect(
            minikube.objects.contains(ManifestObject(kind: "job", name: "srvthreds-bootstrap", namespace: "srvthreds")))
        // Chart templates and Kustomize folders are not plain manifest folders.
        #expect(inventory.manifestFolders.isEmpty)
        #expect(inventory.composeFiles.count == 2)
        #expect(
            inventory.dockerfiles.map(\.name) == [
                "engine", "persistence-agent", "session-agent", "backend", "frontend",
            ])
        #expect(inventory.dockerfiles.last?.baseImage == "node:20-alpine")
    }

    @Test("--project-dir: paths start with the folder as given")
    func shownAs() throws {
        let inventory = try DiskProjectReader(root: Repository.examples, shownAs: "examples/").inventory()
        #expect(inventory.charts.first?.path == "examples/todo-app/helm/backend")
        #expect(inventory.charts.first?.valuesFiles.first == "examples/todo-app/helm/backend/values-dev.yaml")
        #expect(
            inventory.kustomizations.last?.bases == ["examples/srvthreds/infrastructure/local/minikube/manifests/base"])
        #expect(inventory.composeFiles.last?.path == "examples/todo-app/docker-compose.yml")
    }

    @Test("loose names: 'the backend' is the backend chart, 'prod values' its values-prod.yaml, 'minikube overlay'")
    func looseNames() async throws {
        let reader = DiskProjectReader(root: Repository.examples)
        let helm = try await plan(["target": "backend", "values": "production"], in: reader)
        #expect(
            helm.steps.first?.argv == [
                "helm", "upgrade", "--install", "todo-backend", "todo-app/helm/backend", "--namespace=default",
                "--create-namespace", "--values=todo-app/helm/backend/values-prod.yaml", "--wait", "--timeout=5m",
            ])
        #expect(helm.steps.first?.validationArgv?.last == "--dry-run=server")
        #expect(helm.steps.last?.argv.prefix(3) == ["kubectl", "rollout", "status"])
        let overlay = try await plan(["overlay": "minikube", "source": "kustomize"], in: reader)
        #expect(
            overlay.steps.first?.argv == [
                "kubectl", "apply", "-k", "srvthreds/infrastructure/local/minikube/manifests/minikube",
            ])
        #expect(overlay.steps.last?.argv.prefix(3) == ["kubectl", "wait", "--for=condition=complete"])
        // "srvthreds" alone fits both overlays: asked, not guessed.
        let both = await failure(["target": "srvthreds"], in: reader)
        #expect(both?.contains("manifests/minikube") == true && both?.contains("manifests/prod") == true)
        let unknown = await failure(["target": "backend", "values": "staging"], in: reader)
        #expect(unknown?.contains("values-dev.yaml") == true)
    }

    @Test("no project: an empty folder lists nothing and deploys nothing, saying why")
    func noProject() async throws {
        let folder = try TemporaryFolder()
        let reader = DiskProjectReader(root: folder.url)
        #expect(try reader.inventory().isEmpty)
        #expect(await failure([:], action: "project_list", in: reader)?.contains("nothing to deploy here") == true)
        #expect(await failure(["target": "backend"], in: reader)?.contains("nothing to deploy here") == true)
    }

    @Test("two charts with the same name are both offered, never one of them guessed")
    func sameName() async throws {
        let folder = try TemporaryFolder()
        let chart = "apiVersion: v2\nname: api\nversion: 0.1.0\n"
        try folder.write("team-a/charts/api/Chart.yaml", contents: chart)
        try folder.write("team-b/charts/api/Chart.yaml", contents: chart)
        let reader = DiskProjectReader(root: folder.url)
        #expect(try reader.inventory().charts.map(\.path) == ["team-a/charts/api", "team-b/charts/api"])
        let message = await failure(["target": "api"], in: reader)
        #expect(message?.contains("team-a/charts/api") == true && message?.contains("team-b/charts/api") == true)
    }

    @Test("values files in another folder are found for the chart they name")
    func valuesElsewhere() async throws {
        let folder = try TemporaryFolder()
        try folder.write("charts/api/Chart.yaml", contents: "apiVersion: v2\nname: api\nversion: 0.1.0\n")
        try folder.write("charts/api/values.yaml", contents: "replicaCount: 1\n")
        try folder.write("charts/api/templates/deployment.yaml", contents: "kind: Deployment\n")
        try folder.write("deploy/values/api/values-prod.yaml", contents: "replicaCount: 3\n")
        try folder.write("deploy/values/web/values-prod.yaml", contents: "replicaCount: 2\n")
        let reader = DiskProjectReader(root: folder.url)
        let inventory = try reader.inventory()
        #expect(inventory.charts.first?.valuesFiles == [])
        #expect(
            inventory.looseValuesFiles == ["deploy/values/api/values-prod.yaml", "deploy/values/web/values-prod.yaml"])
        let plan = try await plan(["target": "api", "values": "prod"], in: reader)
        #expect(plan.steps.first?.argv.contains("--values=deploy/values/api/values-prod.yaml") == true)
    }

    @Test("plain manifest folders and Kustomize name prefixes")
    func manifests() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "k8s/app.yaml",
            contents: """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                """)
        try folder.write("k8s/notes.yaml", contents: "title: not a manifest\n")
        try folder.write(
            "overlay/kustomization.yaml",
            contents: "resources:\n  - ../k8s/app.yaml\nnamePrefix: dev-\nnamespace: dev\n")
        let reader = DiskProjectReader(root: folder.url)
        let inventory = try reader.inventory()
        #expect(inventory.manifestFolders.map(\.path) == ["k8s"])
        #expect(inventory.manifestFolders.first?.objects.map(\.name) == ["web", "migrate"])
        #expect(inventory.kustomizations.first?.objects.map(\.name) == ["dev-web", "dev-migrate"])
        let named = try await plan(["target": "k8s"], in: reader)
        #expect(named.steps.first?.argv == ["kubectl", "apply", "-f", "k8s", "--namespace=default"])
        let applied = try await self.plan(["path": "k8s/", "source": "manifests", "namespace": "shop"], in: reader)
        #expect(
            applied.steps.map(\.argv) == [
                ["kubectl", "apply", "-f", "k8s/", "--namespace=shop"],
                ["kubectl", "rollout", "status", "deployment/web", "--namespace=shop", "--timeout=180s"],
                ["kubectl", "wait", "--for=condition=complete", "job/migrate", "--namespace=shop", "--timeout=300s"],
            ])
        let conflict = await failure(["overlay": "overlay", "source": "kustomize", "namespace": "prod"], in: reader)
        #expect(conflict?.contains("namespace dev") == true)
    }

    @Test("build and deploy: the image reaches the cluster the way the context needs (minikube, kind)")
    func buildAndDeploy() async throws {
        func argv(_ contextName: String) async throws -> [[String]] {
            let context = PlanningContext(
                kubeContext: contextName, cluster: nil, project: DiskProjectReader(root: Repository.examples))
            let plan = try await Planner(context: context).plan(
                request: "test", intents: [UserIntent(action: "build_deploy", slots: ["target": "backend"])])
            return plan.steps.map(\.argv)
        }
        let minikube = try await argv("minikube")
        #expect(minikube.first == ["docker", "build", "--tag=backend:dev", "todo-app/backend"])
        #expect(minikube.dropFirst().first == ["minikube", "image", "load", "backend:dev"])
        #expect(
            minikube.dropFirst(2).first == [
                "kubectl", "--context=minikube", "set", "image", "deployment/backend", "backend=backend:dev",
                "--namespace=default",
            ])
        let kind = try await argv("kind-dev")
        #expect(kind.dropFirst().first == ["kind", "load", "docker-image", "backend:dev", "--name=dev"])
        await #expect(throws: PlannerError.self) { _ = try await argv("prod-eu") }
    }

    @Test("what can I deploy here: one line per chart, overlay, compose file and Dockerfile; nothing runs")
    func listing() async throws {
        let plan = try await plan([:], action: "project_list", in: DiskProjectReader(root: Repository.examples))
        #expect(plan.steps.isEmpty)
        #expect(
            plan.notes.first
                == "helm chart todo-backend (todo-app/helm/backend), values files: values-dev.yaml, values-prod.yaml")
        #expect(
            plan.notes.contains {
                $0.hasPrefix(
                    "kustomize overlay minikube (srvthreds/infrastructure/local/minikube/manifests/minikube)"
                        + " into namespace srvthreds: 1 namespace, 1 configmap, 3 deployments, 4 services, 1 statefulset, 1 job"
                )
            }, "\(plan.notes)")
        #expect(plan.notes.contains("compose file todo-app/docker-compose.yml: services frontend, backend, db"))
        #expect(plan.notes.filter { $0.hasPrefix("Dockerfile ") }.count == 5)
        #expect(plan.outcome.hasPrefix("found 2 helm charts, 3 kustomize folders, 2 compose files, 5 Dockerfiles"))
    }
}
