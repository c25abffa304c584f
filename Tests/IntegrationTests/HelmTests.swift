import Executors
import Foundation
import TestSupport
import Testing

/// The helm actions on the sandbox: the shared todo releases are only read; rollback and uninstall act on a
/// release each test installs in its own namespace from examples/todo-app/helm/backend.
@Suite("Helm actions on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct HelmTests {
    /// Real helm against the sandbox; its output, or the test fails.
    @discardableResult
    static func helm(_ arguments: String..., timeout: Int = 240) async throws -> String {
        let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
            ["helm", "--kubeconfig=\(Sandbox.kubeconfig)"] + arguments, timeoutSeconds: timeout)
        try #require(result.succeeded, "helm \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    static let chart = Repository.examples.appendingPathComponent("todo-app/helm/backend").path

    /// Installs the backend chart as release todo-backend in the namespace, then upgrades it once (revision 2).
    static func installBackend(namespace: String) async throws {
        try await helm("install", "todo-backend", chart, "--namespace=\(namespace)", "--wait", "--timeout=180s")
        try await helm(
            "upgrade", "todo-backend", chart, "--namespace=\(namespace)", "--set=replicaCount=2", "--wait",
            "--timeout=180s")
    }

    @Test("helm list and helm history show the todo releases")
    func listAndHistory() async throws {
        try Sandbox.require()
        let list = try await Kagent.onSandbox("list helm releases")
        #expect(list.exitCode == 0, "\(list.stdout)\(list.stderr)")
        #expect(
            list.stdout.contains("$ helm --kubeconfig=\(Sandbox.kubeconfig) list --all-namespaces"), "\(list.stdout)")
        #expect(list.stdout.contains("todo-backend") && list.stdout.contains("todo-frontend"), "\(list.stdout)")
        #expect(list.stdout.contains("deployed"), "\(list.stdout)")

        let history = try await Kagent.onSandbox("show the revisions of the backend release")
        #expect(history.exitCode == 0, "\(history.stdout)\(history.stderr)")
        #expect(history.stdout.contains("history todo-backend --namespace=todo"), "\(history.stdout)")
        #expect(
            history.stdout.contains("REVISION") && history.stdout.contains("todo-backend-0.1.0"), "\(history.stdout)")

        let values = try await Kagent.onSandbox("helm get values todo-frontend")
        #expect(values.exitCode == 0, "\(values.stdout)\(values.stderr)")
        #expect(values.stdout.contains("USER-SUPPLIED VALUES"), "\(values.stdout)")

        let missing = try await Kagent.onSandbox("helm status payments")
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("no helm release named 'payments'"), "\(missing.stderr)")
        #expect(missing.stderr.contains("todo-backend"), "the releases that exist are listed: \(missing.stderr)")
    }

    @Test("rolling back a release returns it to the previous revision's values and waits for it")
    func rollback() async throws {
        try await Sandbox.withNamespace("hrb") { ns in
            try await Self.installBackend(namespace: ns)
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 2)
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "roll back the backend release")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("rollback todo-backend --namespace=\(ns) --wait"), "\(result.stdout)")
            #expect(
                result.stdout.contains(
                    "rolled back release todo-backend in \(ns) from revision 2 to its previous revision"),
                "\(result.stdout)")
            let history = try await Self.helm("history", "todo-backend", "--namespace=\(ns)", "--output=json")
            #expect(history.contains("\"revision\":3") && history.contains("Rollback to 1"), "\(history)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)

            let wrong = try await Kagent.onSandbox("-n", ns, "--yes", "roll back the backend release to revision 7")
            #expect(wrong.exitCode == 1)
            #expect(wrong.stderr.contains("is at revision 3"), "\(wrong.stderr)")
        }
    }

    @Test("uninstall needs the typed name or --yes, then deletes the release and checks that it is gone")
    func uninstall() async throws {
        try await Sandbox.withNamespace("hun") { ns in
            try await Self.helm("install", "todo-backend", Self.chart, "--namespace=\(ns)", "--wait", "--timeout=180s")
            let refused = try await Kagent.onSandbox("-n", ns, "uninstall the backend release")
            #expect(refused.exitCode == 4, "\(refused.stdout)\(refused.stderr)")
            #expect(try await Self.helm("list", "--namespace=\(ns)", "--short").contains("todo-backend"))

            let result = try await Kagent.onSandbox("-n", ns, "--yes", "helm uninstall backend")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("uninstall todo-backend --namespace=\(ns) --wait"), "\(result.stdout)")
            #expect(result.stdout.contains("uninstalled release todo-backend in \(ns)"), "\(result.stdout)")
            #expect(try await Self.helm("list", "--namespace=\(ns)", "--short").isEmpty)
            let deployment = try await Sandbox.kubectl("get", "deployment/todo-backend", "--namespace=\(ns)")
            #expect(!deployment.succeeded, "the release's deployment is gone")
        }
    }
}
