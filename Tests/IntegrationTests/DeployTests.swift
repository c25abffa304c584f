import Executors
import Foundation
import TestSupport
import Testing

/// Deploying the project on disk to the sandbox with the real kagent, helm and kubectl: each test works in
/// namespaces of its own and checks the result in the API.
@Suite("Deploying the project on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct DeployTests {
    static let todoApp = Repository.examples.appendingPathComponent("todo-app").path

    static func image(_ reference: String, namespace: String) async throws -> String {
        try await Sandbox.kubectlOK(
            "get", reference, "--namespace=\(namespace)", "--output=jsonpath={.spec.template.spec.containers[0].image}")
    }

    static func revision(_ release: String, namespace: String) async throws -> String {
        let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
            [
                "helm", "--kubeconfig=\(Sandbox.kubeconfig)", "status", release, "--namespace=\(namespace)",
                "--output=json",
            ],
            timeoutSeconds: 60)
        guard result.succeeded,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else { return "none" }
        return "\(object["version"] ?? "?")"
    }

    @Test("helm: install with dev values, upgrade with prod values, roll back, uninstall")
    func helmLifecycle() async throws {
        try await Sandbox.withNamespace("dph") { ns in
            let install = try await Kagent.onSandbox(
                "--project-dir", Self.todoApp, "-n", ns, "--yes", "deploy the backend with dev values")
            #expect(install.exitCode == 0, "\(install.stdout)\(install.stderr)")
            #expect(
                install.stdout.contains(
                    "upgrade --install todo-backend \(Self.todoApp)/helm/backend --namespace=\(ns) "
                        + "--values=\(Self.todoApp)/helm/backend/values-dev.yaml --wait --timeout=5m"),
                "\(install.stdout)")
            #expect(
                install.stdout.contains("the API server accepts the change"),
                "the server dry run ran first: \(install.stdout)")
            #expect(try await Self.revision("todo-backend", namespace: ns) == "1")
            #expect(try await Self.image("deployment/todo-backend", namespace: ns) == "todo-backend:dev")

            let upgrade = try await Kagent.onSandbox(
                "--project-dir", Self.todoApp, "-n", ns, "--yes", "install the backend chart with prod values")
            #expect(upgrade.exitCode == 0, "\(upgrade.stdout)\(upgrade.stderr)")
            #expect(upgrade.stdout.contains("upgrades helm release todo-backend"), "\(upgrade.stdout)")
            #expect(try await Self.revision("todo-backend", namespace: ns) == "2")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 3)
            #expect(
                try await Self.image("deployment/todo-backend", namespace: ns)
                    == "registry.example.com/todo/backend:0.3.0")

            let rollback = try await Kagent.onSandbox("-n", ns, "--yes", "roll back the backend release")
            #expect(rollback.exitCode == 0, "\(rollback.stdout)\(rollback.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
            #expect(try await Self.image("deployment/todo-backend", namespace: ns) == "todo-backend:dev")

            let uninstall = try await Kagent.onSandbox("-n", ns, "--yes", "helm uninstall todo-backend")
            #expect(uninstall.exitCode == 0, "\(uninstall.stdout)\(uninstall.stderr)")
            #expect(try await Self.revision("todo-backend", namespace: ns) == "none")
        }
    }

    /// A copy of the srvthreds manifests with an overlay `sandbox` of one example overlay that puts everything in
    /// `ns` (the example overlays use namespace srvthreds).
    static func manifests(namespace ns: String, overlay: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let source = Repository.examples.appendingPathComponent("srvthreds/infrastructure/local/minikube/manifests")
        try FileManager.default.copyItem(at: source, to: folder.url.appendingPathComponent("manifests"))
        try folder.write(
            "manifests/sandbox/kustomization.yaml", contents: "resources:\n  - ../\(overlay)\nnamespace: \(ns)\n")
        return folder
    }

    @Test(
        "kustomize: both overlays applied (each into a namespace of its own), rollouts and the bootstrap job waited for"
    )
    func kustomizeOverlays() async throws {
        try await Sandbox.withNamespace("dpk") { ns in
            let folder = try Self.manifests(namespace: ns, overlay: "minikube")
            let minikube = try await Kagent.onSandbox(
                "--project-dir", folder.path, "-n", ns, "--yes", "apply the sandbox overlay")
            #expect(minikube.exitCode == 0, "\(minikube.stdout)\(minikube.stderr)")
            #expect(minikube.stdout.contains("apply -k \(folder.path)/manifests/sandbox"), "\(minikube.stdout)")
            #expect(minikube.stdout.contains("the API server accepts the change"), "\(minikube.stdout)")
            #expect(
                minikube.stdout.contains("wait --for=condition=complete job/srvthreds-bootstrap --namespace=\(ns)"),
                "\(minikube.stdout)")
            #expect(try await Sandbox.replicas("deployment/srvthreds-engine", namespace: ns) == (1, 1))
            #expect(try await Self.image("deployment/srvthreds-engine", namespace: ns) == "srvthreds/engine:dev")
            let job = try await Sandbox.kubectlOK(
                "get", "job/srvthreds-bootstrap", "--namespace=\(ns)", "--output=jsonpath={.status.succeeded}")
            #expect(job == "1")
        }
        try await Sandbox.withNamespace("dpp") { ns in
            let folder = try Self.manifests(namespace: ns, overlay: "prod")
            let prod = try await Kagent.onSandbox(
                "--project-dir", folder.path, "-n", ns, "--yes", "deploy the sandbox overlay")
            #expect(prod.exitCode == 0, "\(prod.stdout)\(prod.stderr)")
            #expect(try await Sandbox.replicas("deployment/srvthreds-engine", namespace: ns) == (3, 3))
            #expect(try await Sandbox.replicas("deployment/srvthreds-session-agent", namespace: ns) == (2, 2))
            #expect(
                try await Self.image("deployment/srvthreds-engine", namespace: ns)
                    == "registry.example.com/srvthreds/engine:1.8.0")
        }
    }

    @Test("a plan the API server rejects is shown with the server's message and nothing is applied")
    func rejected() async throws {
        try await Sandbox.withNamespace("dpr") { ns in
            let folder = try TemporaryFolder()
            try folder.write(
                "k8s/app.yaml",
                contents: """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: must-not-exist
                    data:
                      MODE: test
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: broken
                    spec:
                      replicas: -1
                      selector:
                        matchLabels: {app: broken}
                      template:
                        metadata:
                          labels: {app: broken}
                        spec:
                          containers:
                            - name: app
                              image: broken:1
                    """)
            let result = try await Kagent.onSandbox(
                "--project-dir", folder.path, "-n", ns, "--yes", "apply the manifests in \(folder.path)/k8s")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("rejected"), "\(result.stderr)")
            #expect(result.stderr.contains("replicas"), "the server's message is shown: \(result.stderr)")
            let left = try await Sandbox.kubectl("get", "configmap/must-not-exist", "--namespace=\(ns)")
            #expect(!left.succeeded, "nothing was applied")
        }
    }

    @Test("re-applying manifests whose Job exists with another pod template: the Job is deleted first, then applied and run again")
    func reapplyJob() async throws {
        try await Sandbox.withNamespace("dpj") { ns in
            let folder = try TemporaryFolder()
            func write(_ word: String) throws {
                try folder.write(
                    "k8s/seed.yaml",
                    contents: """
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          name: seed
                        spec:
                          backoffLimit: 0
                          template:
                            spec:
                              restartPolicy: Never
                              containers:
                                - name: seed
                                  image: busybox:1.36
                                  command: [echo, \(word)]
                        """)
            }
            let request = "apply the manifests in \(folder.path)/k8s"
            try write("first")
            let first = try await Kagent.onSandbox("--project-dir", folder.path, "-n", ns, "--yes", request)
            #expect(first.exitCode == 0, "\(first.stdout)\(first.stderr)")
            #expect(!first.stdout.contains("delete job/seed"), "a new Job is only applied: \(first.stdout)")
            let uid = try await Sandbox.kubectlOK("get", "job/seed", "--namespace=\(ns)", "--output=jsonpath={.metadata.uid}")

            // The same again changes nothing that needs a deletion: the server accepts the apply as it is.
            let same = try await Kagent.onSandbox("--project-dir", folder.path, "-n", ns, "--yes", request)
            #expect(same.exitCode == 0, "\(same.stdout)\(same.stderr)")
            #expect(!same.stdout.contains("delete job/seed"), "\(same.stdout)")

            try write("second")
            let changed = try await Kagent.onSandbox("--project-dir", folder.path, "-n", ns, "--yes", request)
            #expect(changed.exitCode == 0, "\(changed.stdout)\(changed.stderr)")
            #expect(changed.stdout.contains("field is immutable") || changed.stdout.contains("another pod template"),
                "the plan says why: \(changed.stdout)")
            #expect(changed.stdout.contains("delete job/seed --namespace=\(ns) --wait=true"), "\(changed.stdout)")
            let command = try await Sandbox.kubectlOK(
                "get", "job/seed", "--namespace=\(ns)", "--output=jsonpath={.spec.template.spec.containers[0].command}")
            #expect(command.contains("second"), "the new Job runs: \(command)")
            #expect(try await Sandbox.kubectlOK(
                "get", "job/seed", "--namespace=\(ns)", "--output=jsonpath={.metadata.uid}") != uid, "a new Job")
            #expect(try await Sandbox.kubectlOK(
                "get", "job/seed", "--namespace=\(ns)", "--output=jsonpath={.status.succeeded}") == "1")
        }
    }

    @Test("a generated deployment manifest is written to a new file, accepted by the API server, never overwritten")
    func generateManifest() async throws {
        try Sandbox.require()
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("backend.yaml").path
        let request = "generate a deployment for todo-backend with image todo-backend:latest on port 8000 to \(file)"
        let result = try await Kagent.onSandbox("--yes", request)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("kind: Deployment") && text.contains("name: todo-backend"), "\(text)")
        #expect(text.contains("image: todo-backend:latest") && text.contains("containerPort: 8000"), "\(text)")
        try await Sandbox.withNamespace("dpg") { ns in
            try await Sandbox.kubectlOK("apply", "--dry-run=server", "--namespace=\(ns)", "-f", file)
        }
        let again = try await Kagent.onSandbox("--yes", request)
        #expect(again.exitCode == 1)
        #expect(again.stderr.contains("exists already"), "\(again.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
    }
}
