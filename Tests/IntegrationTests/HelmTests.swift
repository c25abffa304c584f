import Executors
import Foundation
import TestSupport
import Testing

/// The helm actions on the sandbox: every test installs the releases it reads or changes in a namespace of its own,
/// from examples/todo-app/helm/backend, and asserts on those only.
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

    /// A word no other test uses, for release names that must be unambiguous across the cluster while a test runs
    /// (other suites install and uninstall releases named todo-backend in their own namespaces meanwhile).
    static func uniqueWord() -> String {
        "hl" + String((0..<6).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement() ?? "x" })
    }

    @Test("helm list, history and values show the test's own releases; names resolve in its namespace and across all")
    func listAndHistory() async throws {
        try await Sandbox.withNamespace("hls") { ns in
            let word = Self.uniqueWord()
            let backend = "\(word)-backend", frontend = "\(word)-frontend"
            try await Self.helm("install", backend, Self.chart, "--namespace=\(ns)", "--wait", "--timeout=180s")
            try await Self.helm(
                "upgrade", backend, Self.chart, "--namespace=\(ns)", "--set=replicaCount=2", "--wait", "--timeout=180s")
            try await Self.helm(
                "install", frontend, Self.chart, "--namespace=\(ns)", "--set=replicaCount=1", "--wait", "--timeout=180s")

            // helm list -A reads the whole cluster: only this test's releases are asserted on.
            let list = try await Kagent.onSandbox("list helm releases")
            #expect(list.exitCode == 0, "\(list.stdout)\(list.stderr)")
            #expect(
                list.stdout.contains("$ helm --kubeconfig=\(Sandbox.kubeconfig) list --all-namespaces"), "\(list.stdout)")
            let own = list.stdout.split(separator: "\n").filter { $0.contains(word) }
            #expect(own.count == 2, "\(list.stdout)")
            #expect(own.allSatisfy { $0.contains(ns) && $0.contains("deployed") }, "\(own)")

            // "the backend release" is loose; in the test's own namespace it means one release.
            let history = try await Kagent.onSandbox("-n", ns, "show the revisions of the backend release")
            #expect(history.exitCode == 0, "\(history.stdout)\(history.stderr)")
            #expect(history.stdout.contains("history \(backend) --namespace=\(ns)"), "\(history.stdout)")
            #expect(
                history.stdout.contains("REVISION") && history.stdout.contains("todo-backend-0.1.0"), "\(history.stdout)")

            // Without a namespace, the release is found in whichever namespace has it.
            let values = try await Kagent.onSandbox("helm get values \(frontend)")
            #expect(values.exitCode == 0, "\(values.stdout)\(values.stderr)")
            #expect(values.stdout.contains("get values \(frontend) --namespace=\(ns)"), "\(values.stdout)")
            #expect(values.stdout.contains("USER-SUPPLIED VALUES"), "\(values.stdout)")

            let missing = try await Kagent.onSandbox("-n", ns, "helm status \(word)-payments")
            #expect(missing.exitCode == 1)
            #expect(missing.stderr.contains("no helm release named '\(word)-payments'"), "\(missing.stderr)")
            #expect(missing.stderr.contains(backend), "the releases that exist are listed: \(missing.stderr)")
        }
    }

    @Test("a helm list that fails while planning is reported as that failure, never as a release that does not exist")
    func failedReadIsNotAbsence() async throws {
        try await Sandbox.withNamespace("hrd") { ns in
            try await Self.helm("install", "todo-backend", Self.chart, "--namespace=\(ns)", "--wait", "--timeout=180s")
            let state = try TemporaryFolder()
            // A failure whose text says "not found" (helm's own wording for a storage error) is no answer either.
            for stderr in [
                "Error: list: failed to list: etcdserver: request timed out",
                "Error: query: failed to query with labels: the server could not find the requested resource (not found)",
            ] {
                let fake = try FakeKubectl(faulting: [" list "], with: .fail(stderr: stderr), program: "helm")
                let result = try await fake.kagent(
                    ["--kubeconfig", Sandbox.kubeconfig, "-n", ns, "--yes", "roll back the backend release"], state: state)
                fake.expectFailedRead(
                    result, stderr: stderr,
                    command: "helm --kubeconfig=\(Sandbox.kubeconfig) list --output=json --namespace=\(ns)",
                    absence: ["no helm release", "does not exist"])
            }
            let history = try await Self.helm("history", "todo-backend", "--namespace=\(ns)", "--output=json")
            #expect(!history.contains("\"revision\":2"), "nothing ran: \(history)")
        }
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
