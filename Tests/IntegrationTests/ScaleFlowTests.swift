import Executors
import Foundation
import TestSupport
import Testing

/// The scale flow end to end: the real kagent binary, real kubectl, the sandbox cluster.
@Suite("Scale flow on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct ScaleFlowTests {
    @Test("scale changes spec.replicas and reports the old and new count once the pods are ready")
    func absolute() async throws {
        try await Sandbox.withNamespace("abs") { ns in
            try await Sandbox.deploy(["todo-backend": 1, "todo-frontend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "scale backend to 3")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stdout.contains(
                    "$ kubectl --kubeconfig=\(Sandbox.kubeconfig) scale deployment/todo-backend --replicas=3 --namespace=\(ns)"
                ), "\(result.stdout)")
            #expect(
                result.stdout.contains("scaled deployment/todo-backend in \(ns) from 1 to 3 replicas (3 of 3 ready)"),
                "\(result.stdout)")
            let after = try await Sandbox.replicas("deployment/todo-backend", namespace: ns)
            #expect(after.spec == 3 && after.ready == 3)
            let untouched = try await Sandbox.replicas("deployment/todo-frontend", namespace: ns)
            #expect(untouched.spec == 1)
        }
    }

    @Test("relative scaling: by a percentage, by a count, and down to zero")
    func relativeAndZero() async throws {
        try await Sandbox.withNamespace("rel") { ns in
            try await Sandbox.deploy(
                ["web-app": 2, "web-service": 3, "todo-backend": 1, "todo-frontend": 2], namespace: ns)
            let cases: [(String, String, Int)] = [
                ("scale web-app up by 100%", "deployment/web-app", 4),
                ("scale web-service down by 50%", "deployment/web-service", 2),
                ("add two replicas to backend", "deployment/todo-backend", 3),
                ("remove one replica from backend", "deployment/todo-backend", 2),
                ("scale frontend down to zero", "deployment/todo-frontend", 0),
            ]
            for (request, reference, expected) in cases {
                let result = try await Kagent.onSandbox("-n", ns, "--yes", request)
                #expect(result.exitCode == 0, "\(request): \(result.stdout)\(result.stderr)")
                let after = try await Sandbox.replicas(reference, namespace: ns)
                #expect(after.spec == expected, "\(request): spec.replicas is \(after.spec)")
                #expect(after.ready == expected, "\(request): \(after.ready) ready")
            }
        }
    }

    @Test("statefulsets scale too, and the namespace is found when the name exists in only one")
    func statefulsetWithoutNamespace() async throws {
        try await Sandbox.withNamespace("sts") { ns in
            let name = "cache-\(ns.suffix(6))"
            try await Sandbox.apply(
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: \(name)}
                spec:
                  serviceName: \(name)
                  replicas: 1
                  selector: {matchLabels: {app: \(name)}}
                  template:
                    metadata: {labels: {app: \(name)}}
                    spec: {containers: [{name: redis, image: "redis:7"}]}
                """, namespace: ns)
            try await Sandbox.kubectlOK(
                "rollout", "status", "statefulset/\(name)", "--namespace=\(ns)", "--timeout=120s", timeout: 130)
            let result = try await Kagent.onSandbox("--yes", "scale statefulset \(name) to 2")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("is statefulset/\(name) in namespace \(ns)"), "\(result.stdout)")
            let after = try await Sandbox.replicas("statefulset/\(name)", namespace: ns)
            #expect(after.spec == 2 && after.ready == 2)
        }
    }

    @Test("an ambiguous name lists the candidates and nothing runs")
    func ambiguous() async throws {
        try await Sandbox.withNamespace("amb") { ns in
            try await Sandbox.deploy(["api-backend": 1, "todo-backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "scale backend to 3")
            #expect(result.exitCode == 1)
            #expect(
                result.stderr.contains("deployment/api-backend") && result.stderr.contains("deployment/todo-backend"),
                "\(result.stderr)")
            #expect(result.stderr.contains("kagent \"scale api-backend to 3 -n \(ns)\""), "\(result.stderr)")
            #expect(!result.stdout.contains("Plan"))
            #expect(try await Sandbox.replicas("deployment/api-backend", namespace: ns).spec == 1)
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("a missing deployment is reported clearly with the names that exist, and nothing runs")
    func missing() async throws {
        try await Sandbox.withNamespace("miss") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "--output", "json", "scale payments to 3")
            #expect(result.exitCode == 1)
            let json = try Kagent.json(result)
            #expect(json["understood"] as? Bool == true)
            #expect((json["steps"] as? [Any])?.isEmpty == true)
            #expect(json["executed"] == nil)
            let message = try #require(json["message"] as? String)
            #expect(
                message.contains("no deployment or statefulset named 'payments' in namespace '\(ns)'"), "\(message)")
            #expect(message.contains("todo-backend"))
        }
    }

    @Test("without a terminal and without --yes, changing steps never run")
    func noTerminalNoRun() async throws {
        try await Sandbox.withNamespace("tty") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "scale backend to 3")
            #expect(result.exitCode == 4)
            #expect(result.stdout.contains("$ kubectl"), "the plan is shown")
            #expect(result.stderr.contains("kagent --yes \"scale backend to 3\""), "\(result.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("a dry run resolves names, is validated by the API server, and changes nothing")
    func dryRun() async throws {
        try await Sandbox.withNamespace("dry") { ns in
            try await Sandbox.deploy(["todo-backend": 2], namespace: ns)
            let result = try await Kagent.onSandbox(
                "-n", ns, "--dry-run", "--output", "json", "scale backend up by 50%")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            let steps = try #require(json["steps"] as? [[String: Any]])
            #expect(
                steps.first?["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "scale", "deployment/todo-backend", "--replicas=3",
                    "--namespace=\(ns)", "--current-replicas=2",
                ])
            #expect(json["executed"] == nil)
            let text = try await Kagent.onSandbox("-n", ns, "--dry-run", "scale backend to 5")
            #expect(text.stdout.contains("the API server accepts the change"), "\(text.stdout)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 2)
        }
    }

    @Test("the API server's rejection, found by the server-side dry run, stops the plan before it runs")
    func serverRejects() async throws {
        try await Sandbox.withNamespace("deny") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            // A user who may read but not scale: planning reads succeed, the server refuses the change.
            let result = try await Kagent.run([
                "--kubeconfig", Sandbox.viewerKubeconfig, "-n", ns, "--yes", "scale backend to 3",
            ])
            #expect(result.exitCode == 1)
            #expect(result.stdout.contains("$ kubectl"), "the plan is shown")
            #expect(result.stderr.contains("rejected the plan, so nothing ran"), "\(result.stderr)")
            #expect(
                result.stderr.contains("cannot patch resource \"deployments/scale\""),
                "the server's own words: \(result.stderr)")
            #expect(!result.stdout.contains("[1/3]"), "no step started")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test(
        "a step that fails stops the plan; the report says what ran, what failed with its command, and what did not run"
    )
    func failedStepReport() async throws {
        try await Sandbox.withNamespace("fail") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            // Offline skips the server-side check, so the refusal comes from the real step itself.
            let result = try await Kagent.run([
                "--kubeconfig", Sandbox.viewerKubeconfig, "--offline", "-n", ns, "--yes", "scale todo-backend to 3",
            ])
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("The plan stopped at step 1 of 3"), "\(result.stderr)")
            #expect(result.stderr.contains("failed   1. scale deployment/todo-backend"), "\(result.stderr)")
            #expect(result.stderr.contains("not run  2.") && result.stderr.contains("not run  3."), "\(result.stderr)")
            #expect(result.stderr.contains("the cluster refused: your user may not do this"), "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "command: kubectl --kubeconfig=\(Sandbox.viewerKubeconfig) scale deployment/todo-backend --replicas=3 --namespace=\(ns)"
                ), "\(result.stderr)")
            #expect(result.stderr.contains("No changing step completed"), "\(result.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
        }
    }

    @Test("a JSON run reports each step's status, exit code and output")
    func jsonRun() async throws {
        try await Sandbox.withNamespace("json") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "--output", "json", "scale todo-backend to 2")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            #expect(json["executed"] as? Bool == true)
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"])
            #expect(results[1]["output"] as? String == "2")
            #expect(results.allSatisfy { $0["exit_code"] as? Int == 0 })
            #expect((json["message"] as? String)?.contains("from 1 to 2 replicas") == true)
        }
    }

    @Test(
        "refused input changes nothing on the cluster",
        arguments: [
            ("scale backend to 3; rm -rf /", 2), ("", 2), ("scale Back_End to 3", 2),
            ("scale backend to 3 && kubectl delete ns x", 2),
            ("please make everything faster", 3),
        ])
    func refusedInput(_ request: String, _ status: Int32) async throws {
        try await Sandbox.withNamespace("bad") { ns in
            try await Sandbox.deploy(["backend": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", request)
            #expect(result.exitCode == status, "\(request): \(result.stderr)")
            #expect(!result.stdout.contains("$ kubectl"), "no plan for a refused request")
            #expect(!result.stderr.isEmpty, "the refusal is explained")
            #expect(try await Sandbox.replicas("deployment/backend", namespace: ns).spec == 1)
        }
    }
}
