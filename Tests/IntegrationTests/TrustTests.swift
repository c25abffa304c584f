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

    @Test("read-only mode and protected namespaces from config.yaml; a mistake in the file stops kagent")
    func fromConfigFile() async throws {
        try await Sandbox.withNamespace("rocfg") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let config = try TemporaryFolder()
            let environment = ["XDG_CONFIG_HOME": config.path]
            try config.write("kagent/config.yaml", contents: "read_only: true\n")
            let readOnly = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 3"], environment: environment)
            #expect(readOnly.exitCode == 4)
            #expect(readOnly.stderr.contains("read-only mode"), "\(readOnly.stderr)")
            let looking = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "get deployments"], environment: environment)
            #expect(looking.exitCode == 0, "\(looking.stderr)")

            try config.write("kagent/config.yaml", contents: "protected_namespaces: [\(ns)]\n")
            let protected = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 3"], environment: environment)
            #expect(protected.exitCode == 4)
            #expect(protected.stderr.contains("protected namespace \(ns)"), "\(protected.stderr)")

            try config.write("kagent/config.yaml", contents: "readonly: true\n")
            let misspelt = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 3"], environment: environment)
            #expect(misspelt.exitCode == 1)
            #expect(misspelt.stderr.contains("unknown setting 'readonly'"), "\(misspelt.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1, "nothing ran")
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

    @Test("every step that ran is in the audit log, one JSON line each, with no secret value; kagent history shows it")
    func auditLog() async throws {
        try await Sandbox.withNamespace("audit") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let state = try TemporaryFolder()
            let environment = ["XDG_STATE_HOME": state.path]
            let scaled = try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "scale backend to 2"], environment: environment)
            #expect(scaled.exitCode == 0, "\(scaled.stderr)")
            let secret = try await Kagent.run(
                [
                    "--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes",
                    "create secret db-creds with password=hunter2xyz",
                ],
                environment: environment)
            #expect(secret.exitCode == 0, "\(secret.stdout)\(secret.stderr)")
            let text = try String(contentsOfFile: state.path + "/kagent/audit.jsonl", encoding: .utf8)
            #expect(!text.contains("hunter2xyz"), "a secret value reached the audit log")
            let lines = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            let scale = lines.filter { ($0["request"] as? String) == "scale backend to 2" }
            #expect(scale.count == 3, "\(text)")
            #expect(Set(scale.compactMap { $0["plan"] as? String }).count == 1, "one plan id for the plan's steps")
            #expect(
                scale.first?["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "scale", "deployment/todo-backend", "--replicas=2",
                    "--namespace=\(ns)",
                ])
            #expect(scale.first?["exit_status"] as? Int == 0)
            #expect(scale.first?["namespace"] as? String == ns)
            #expect(scale.first?["context"] as? String == "kagent-sandbox")
            let history = try await Kagent.run(["history"], environment: environment)
            #expect(
                history.stdout.contains("scale deployment/todo-backend --replicas=2 --namespace=\(ns)"),
                "\(history.stdout)")
            #expect(!history.stdout.contains("hunter2xyz"))
        }
    }
}
