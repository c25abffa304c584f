import Executors
import Foundation
import TestSupport
import Testing

/// The change actions end to end: the real kagent binary, real kubectl, the sandbox cluster, each test in a
/// namespace of its own; every change is checked in the API with kubectl afterwards.
@Suite("Change actions on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct ChangeTests {
    /// One field of an object, read with kubectl.
    static func field(_ reference: String, _ jsonPath: String, namespace: String?) async throws -> String {
        let scope = namespace.map { ["--namespace=\($0)"] } ?? []
        let result = try await Sandbox.kubectl(
            "get", reference, "--output=jsonpath=\(jsonPath)", scope.first ?? "--request-timeout=30s")
        try #require(result.succeeded, "kubectl get \(reference) failed: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func ok(_ result: CommandResult, _ request: String) {
        #expect(result.exitCode == 0, "\(request): \(result.stdout)\(result.stderr)")
    }

    @Test("restart replaces the pods: the pod template gets kubectl's restartedAt annotation and the rollout completes")
    func restart() async throws {
        try await Sandbox.withNamespace("restart") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "restart backend")
            Self.ok(result, "restart backend")
            #expect(
                result.stdout.contains("rollout restart deployment/todo-backend --namespace=\(ns)"), "\(result.stdout)")
            let restartedAt = try await Self.field(
                "deployment/todo-backend",
                "{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}",
                namespace: ns)
            #expect(!restartedAt.isEmpty, "no restartedAt annotation")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).ready == 1)
        }
    }

    @Test("set image changes the container's image; after a broken image, roll back restores the previous one")
    func setImageAndRollback() async throws {
        try await Sandbox.withNamespace("image") { ns in
            try await Sandbox.deploy(["web-app": 1], namespace: ns)
            let image = "{.spec.template.spec.containers[0].image}"
            let update = try await Kagent.onSandbox("-n", ns, "--yes", "update web-app to registry.example/web-app:2.0")
            Self.ok(update, "update web-app")
            #expect(try await Self.field("deployment/web-app", image, namespace: ns) == "registry.example/web-app:2.0")
            // A bad release, made outside kagent: the simulator cannot pull ':broken'.
            try await Sandbox.kubectlOK(
                "set", "image", "deployment/web-app", "web-app=registry.example/web-app:broken", "--namespace=\(ns)")
            #expect(
                try await Self.field("deployment/web-app", image, namespace: ns) == "registry.example/web-app:broken")
            let rollback = try await Kagent.onSandbox("-n", ns, "--yes", "roll back web-app")
            Self.ok(rollback, "roll back web-app")
            #expect(try await Self.field("deployment/web-app", image, namespace: ns) == "registry.example/web-app:2.0")
            #expect(try await Sandbox.replicas("deployment/web-app", namespace: ns).ready == 1)
        }
    }

    @Test("set env adds and removes a variable; set resources sets the memory limit and CPU request")
    func envAndResources() async throws {
        try await Sandbox.withNamespace("env") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let env = "{.spec.template.spec.containers[0].env[?(@.name==\"LOG_LEVEL\")].value}"
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "set LOG_LEVEL=debug on backend"), "set env")
            #expect(try await Self.field("deployment/todo-backend", env, namespace: ns) == "debug")
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "remove env LOG_LEVEL from backend"), "unset env")
            #expect(try await Self.field("deployment/todo-backend", env, namespace: ns) == "")
            Self.ok(
                try await Kagent.onSandbox("-n", ns, "--yes", "raise the memory limit of backend to 512Mi"),
                "memory limit")
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "set cpu request of backend to 250m"), "cpu request")
            let resources =
                "{.spec.template.spec.containers[0].resources.limits.memory} {.spec.template.spec.containers[0].resources.requests.cpu}"
            #expect(try await Self.field("deployment/todo-backend", resources, namespace: ns) == "512Mi 250m")
            // Several amounts said together: one `kubectl set resources`, each amount on the container.
            let together = try await Kagent.onSandbox(
                "-n", ns, "--yes", "set the cpu request of backend to 200m and its cpu limit to 1")
            Self.ok(together, "cpu request and limit")
            #expect(together.stdout.contains("--limits=cpu=1 --requests=cpu=200m"), "\(together.stdout)")
            let cpu =
                "{.spec.template.spec.containers[0].resources.requests.cpu} {.spec.template.spec.containers[0].resources.limits.cpu} {.spec.template.spec.containers[0].resources.limits.memory}"
            #expect(try await Self.field("deployment/todo-backend", cpu, namespace: ns) == "200m 1 512Mi")
            let secret = try await Kagent.onSandbox("-n", ns, "--yes", "set DB_PASSWORD=hunter2 on backend")
            #expect(secret.exitCode == 1, "a secret-looking variable is refused")
            #expect(!secret.stdout.contains("hunter2") && !secret.stderr.contains("hunter2"))
        }
    }

    @Test("autoscale creates a horizontal pod autoscaler with the bounds and CPU target asked for")
    func autoscale() async throws {
        try await Sandbox.withNamespace("hpa") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "autoscale backend between 2 and 10 at 70% cpu")
            Self.ok(result, "autoscale")
            let hpa = try await Self.field(
                "horizontalpodautoscaler/todo-backend",
                "{.spec.minReplicas} {.spec.maxReplicas} {.spec.targetCPUUtilizationPercentage}", namespace: ns)
            #expect(hpa == "2 10 70")
            let again = try await Kagent.onSandbox("-n", ns, "--yes", "autoscale backend between 1 and 3")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("already has a horizontal pod autoscaler"), "\(again.stderr)")
        }
    }

    @Test("expose creates a service with the port, target port and type asked for")
    func expose() async throws {
        try await Sandbox.withNamespace("expose") { ns in
            try await Sandbox.deploy(["web-service": 1], namespace: ns)
            let result = try await Kagent.onSandbox(
                "-n", ns, "--yes", "expose web-service as a nodeport on port 8080 targeting 80")
            Self.ok(result, "expose")
            let service = try await Self.field(
                "service/web-service",
                "{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.selector.app}",
                namespace: ns)
            #expect(service == "NodePort 8080 80 web-service")
        }
    }

    @Test(
        "switch traffic patches the service's version selector to a version that exists, and refuses one that does not")
    func switchTraffic() async throws {
        try await Sandbox.withNamespace("bg") { ns in
            try await Sandbox.applyBlueGreen(namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "switch checkout-service to the green version")
            Self.ok(result, "switch")
            #expect(result.stdout.contains("deployment/checkout-green"), "\(result.stdout)")
            #expect(
                try await Self.field("service/checkout-service", "{.spec.selector.version}", namespace: ns) == "green")
            #expect(
                try await Self.field("service/checkout-service", "{.spec.selector.app}", namespace: ns) == "checkout")
            let missing = try await Kagent.onSandbox("-n", ns, "--yes", "point checkout-service at purple")
            #expect(missing.exitCode == 1)
            #expect(missing.stderr.contains("version=blue, version=green"), "\(missing.stderr)")
            #expect(
                try await Self.field("service/checkout-service", "{.spec.selector.version}", namespace: ns) == "green")
        }
    }

    @Test("label and annotate set keys with --overwrite; removing a label takes it off")
    func labelAndAnnotate() async throws {
        try await Sandbox.withNamespace("label") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "label backend tier=api"), "label")
            #expect(try await Self.field("deployment/todo-backend", "{.metadata.labels.tier}", namespace: ns) == "api")
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "label backend tier=web"), "relabel")
            #expect(try await Self.field("deployment/todo-backend", "{.metadata.labels.tier}", namespace: ns) == "web")
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "annotate backend team=todo"), "annotate")
            #expect(
                try await Self.field("deployment/todo-backend", "{.metadata.annotations.team}", namespace: ns) == "todo"
            )
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "remove label tier from backend"), "unlabel")
            #expect(try await Self.field("deployment/todo-backend", "{.metadata.labels.tier}", namespace: ns) == "")
        }
    }

    @Test(
        "delete asks for the typed name: without a terminal and without --yes nothing is deleted; with --yes it is gone"
    )
    func delete() async throws {
        try await Sandbox.withNamespace("delete") { ns in
            try await Sandbox.deploy(["web-app": 1], namespace: ns)
            try await Sandbox.kubectlOK("create", "configmap", "settings", "--from-literal=a=b", "--namespace=\(ns)")
            let refused = try await Kagent.onSandbox("-n", ns, "delete deployment web-app")
            #expect(refused.exitCode == 4, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stdout.contains("$ kubectl"), "the plan is shown")
            let still = try await Sandbox.kubectl("get", "deployment/web-app", "--namespace=\(ns)")
            #expect(still.succeeded, "the deployment is still there")

            let deleted = try await Kagent.onSandbox("-n", ns, "--yes", "delete deployment web-app")
            Self.ok(deleted, "delete deployment")
            let gone = try await Sandbox.kubectl("get", "deployment/web-app", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "\(gone.stdout)\(gone.stderr)")
            Self.ok(try await Kagent.onSandbox("-n", ns, "--yes", "delete the settings configmap"), "delete configmap")
            #expect(!(try await Sandbox.kubectl("get", "configmap/settings", "--namespace=\(ns)")).succeeded)

            let system = try await Kagent.onSandbox("--yes", "delete namespace kube-system")
            #expect(system.exitCode == 1)
            #expect(system.stderr.contains("kagent never deletes it"), "\(system.stderr)")
            #expect(try await Sandbox.kubectl("get", "namespace", "kube-system").succeeded)
        }
    }

    @Test("a namespace is deleted with everything in it once confirmed")
    func deleteNamespace() async throws {
        try Sandbox.require()
        let name = "kt-delns-\(UUID().uuidString.prefix(6).lowercased())"
        try await Sandbox.kubectlOK("create", "namespace", name)
        let result = try await Kagent.onSandbox("--yes", "delete namespace \(name)")
        if result.exitCode != 0 { _ = try? await Sandbox.kubectl("delete", "namespace", name, "--wait=false") }
        Self.ok(result, "delete namespace")
        #expect(result.stdout.contains("deletes everything in it"), "\(result.stdout)")
        #expect(!(try await Sandbox.kubectl("get", "namespace", name)).succeeded)
    }

    @Test("cordon makes a node unschedulable and uncordon undoes it; drain is planned and validated, never run")
    func nodes() async throws {
        try Sandbox.require()
        // A Node object of the test's own, tainted so that nothing is scheduled on it: cordoning the sandbox's one
        // real node would hold other suites' pods Pending, and whether the server accepts a drain of it would
        // depend on their pods.
        let node = "kt-node-\(UUID().uuidString.prefix(6).lowercased())"
        try await Sandbox.apply(
            """
            apiVersion: v1
            kind: Node
            metadata: {name: \(node), labels: {kagent.dev/test: nodes}}
            spec:
              taints: [{key: kagent.dev/test, value: nodes, effect: NoSchedule}]
            """, namespace: "default")
        let unschedulable = "{.spec.unschedulable}"
        do {
            Self.ok(try await Kagent.onSandbox("--yes", "cordon \(node)"), "cordon")
            #expect(try await Self.field("node/\(node)", unschedulable, namespace: nil) == "true")
            Self.ok(try await Kagent.onSandbox("--yes", "uncordon \(node)"), "uncordon")
            #expect(try await Self.field("node/\(node)", unschedulable, namespace: nil) == "")

            let drain = try await Kagent.onSandbox("--dry-run", "--output", "json", "drain \(node)")
            #expect(drain.exitCode == 0, "\(drain.stdout)\(drain.stderr)")
            let json = try Kagent.json(drain)
            let steps = try #require(json["steps"] as? [[String: Any]])
            #expect(
                steps.first?["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "drain", node, "--ignore-daemonsets",
                    "--delete-emptydir-data", "--timeout=120s",
                ])
            #expect(json["executed"] == nil)
            let text = try await Kagent.onSandbox("--dry-run", "drain \(node)")
            #expect(text.exitCode == 0, "\(text.stdout)\(text.stderr)")
            #expect(text.stdout.contains("the API server accepts the change"), "\(text.stdout)")
            #expect(
                try await Self.field("node/\(node)", unschedulable, namespace: nil) == "", "the dry run changed nothing")
        } catch {
            _ = try? await Sandbox.kubectl("delete", "node", node, "--wait=false")
            throw error
        }
        _ = try? await Sandbox.kubectl("delete", "node", node, "--wait=false")
    }
}
