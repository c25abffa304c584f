import Foundation
import TestSupport
import Testing

/// Fences: read-only mode and protected namespaces, through the real binary on the sandbox.
@Suite("Read-only mode and protected namespaces", .enabled(if: Sandbox.enabled))
struct TrustTests {
    @Test("read-only mode refuses changing plans, by flag or environment; looking still works")
    func readOnly() async throws {
        try await Sandbox.withNamespace("ro") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let flag = try await Kagent.onSandbox("--read-only", "-n", ns, "--yes", "scale backend to 3")
            #expect(flag.exitCode == 4)
            #expect(flag.stderr.contains("read-only mode"), "\(flag.stderr)")
            #expect(!flag.stdout.contains("[1/"), "no step ran")
            let environment = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--output", "json", "restart backend"],
                environment: ["KAGENT_READ_ONLY": "1"])
            #expect(environment.exitCode == 4)
            #expect((try Kagent.json(environment)["message"] as? String)?.contains("read-only mode") == true)
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
            let look = try await Kagent.onSandbox("--read-only", "-n", ns, "get deployments")
            #expect(look.exitCode == 0, "\(look.stderr)")
            #expect(look.stdout.contains("todo-backend"))
        }
    }

    @Test("a protected namespace needs its name typed even with --yes; --force lets it through")
    func protectedNamespace() async throws {
        try await Sandbox.withNamespace("prot") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let protected = ["KAGENT_PROTECTED_NAMESPACES": "kube-system,\(ns)"]
            let refused = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 2"], environment: protected)
            #expect(refused.exitCode == 4)
            #expect(refused.stderr.contains("protected namespace \(ns)"), "\(refused.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
            let forced = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "--force", "scale backend to 2"],
                environment: protected)
            #expect(forced.exitCode == 0, "\(forced.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 2)
        }
    }

    @Test("kube-system is protected by default")
    func kubeSystemByDefault() async throws {
        try Sandbox.require()
        let result = try await Kagent.onSandbox(
            "--yes", "--offline", "create configmap kagent-probe with a=1 in kube-system")
        #expect(result.exitCode == 4, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("protected namespace kube-system"), "\(result.stderr)")
        let exists = try await Sandbox.kubectl("get", "configmap", "kagent-probe", "--namespace=kube-system")
        #expect(!exists.succeeded, "nothing was created in kube-system")
    }
}
