import Executors
import Foundation
import TestSupport
import Testing

/// `kagent undo` on the sandbox with the real binary, kubectl and helm: each test keeps its own undo journal
/// (XDG_STATE_HOME) and namespace, and checks the cluster with kubectl.
@Suite("Undo on the sandbox", .enabled(if: Sandbox.enabled))
struct UndoTests {
    typealias Session = SandboxSession

    static func image(_ namespace: String) async throws -> String {
        try await Sandbox.kubectlOK(
            "get", "deployment/todo-backend", "--namespace=\(namespace)",
            "--output=jsonpath={.spec.template.spec.containers[0].image}")
    }

    @Test("undo puts changes back last first (image, then replicas), each shown, validated and verified; then refuses")
    func undoesInOrder() async throws {
        try await Sandbox.withNamespace("undo") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            let scaled = try await kagent.run("--yes", "scale backend to 3")
            #expect(scaled.exitCode == 0, "\(scaled.stdout)\(scaled.stderr)")
            #expect(
                scaled.stdout.contains(
                    "undo afterwards: `kagent undo` would scale deployment/todo-backend in \(ns) back to 1 replica"),
                "the plan says how it would be undone before it runs: \(scaled.stdout)")
            let imaged = try await kagent.run("--yes", "set the image of backend to registry.example/todo-backend:2.0")
            #expect(imaged.exitCode == 0, "\(imaged.stdout)\(imaged.stderr)")
            #expect(try await Self.image(ns) == "registry.example/todo-backend:2.0")

            let preview = try await kagent.run("--dry-run", "undo")
            #expect(preview.exitCode == 0, "\(preview.stderr)")
            #expect(preview.stdout.contains("undoes \"set the image of backend to registry.example/todo-backend:2.0\""))
            #expect(
                preview.stdout.contains(
                    "set image deployment/todo-backend todo-backend=registry.example/todo-backend:1.0 --namespace=\(ns)"
                ),
                "\(preview.stdout)")
            #expect(preview.stdout.contains("the API server accepts the change"), "the undo was validated")
            #expect(try await Self.image(ns) == "registry.example/todo-backend:2.0", "a dry run changes nothing")

            let noTerminal = try await kagent.run("undo")
            #expect(noTerminal.exitCode == 4, "an undo is confirmed like any change")

            let first = try await kagent.run("--yes", "undo")
            #expect(first.exitCode == 0, "\(first.stdout)\(first.stderr)")
            #expect(try await Self.image(ns) == "registry.example/todo-backend:1.0")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 3)

            let second = try await kagent.run("--yes", "undo that")
            #expect(second.exitCode == 0, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("undid \"scale backend to 3\""), "\(second.stdout)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)

            let nothing = try await kagent.run("--yes", "undo")
            #expect(nothing.exitCode == 1)
            #expect(
                nothing.stderr.contains("every change kagent recorded has been undone already"), "\(nothing.stderr)")
        }
    }

    @Test("an undo is refused by the API server when the object changed since, and nothing runs")
    func refusedWhenChangedSince() async throws {
        try await Sandbox.withNamespace("undochg") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            #expect(try await kagent.run("--yes", "scale backend to 2").exitCode == 0)
            try await Sandbox.kubectlOK("scale", "deployment/todo-backend", "--replicas=4", "--namespace=\(ns)")
            let undo = try await kagent.run("--yes", "undo")
            #expect(undo.exitCode == 1)
            #expect(undo.stderr.contains("the API server rejected the plan, so nothing ran"), "\(undo.stderr)")
            #expect(undo.stderr.contains("Expected replicas to be 2, was 4"), "the server's reason: \(undo.stderr)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 4)
        }
    }

    @Test("created objects are deleted again; a selector goes back; kagent undo plan ID picks an older change")
    func createdAndSelector() async throws {
        try await Sandbox.withNamespace("undosel") { ns in
            try await Sandbox.applyBlueGreen(namespace: ns)
            let kagent = try Session(namespace: ns)
            let created = try await kagent.run(
                "--yes", "--output", "json", "create configmap app-settings with LOG_LEVEL=debug")
            #expect(created.exitCode == 0, "\(created.stdout)\(created.stderr)")
            let undoReport = try #require((try Kagent.json(created)["undo"] as? [[String: Any]])?.first)
            #expect(undoReport["possible"] as? Bool == true)
            #expect((undoReport["summary"] as? String)?.contains("delete configmap app-settings again") == true)

            let green = try await kagent.run("--yes", "switch checkout-service to the green version")
            #expect(green.exitCode == 0, "\(green.stdout)\(green.stderr)")
            #expect(try await Self.selectedVersion(ns) == "green")

            let journal = try String(contentsOfFile: kagent.state.path + "/kagent/undo.json", encoding: .utf8)
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(journal.utf8)) as? [[String: Any]])
            let configMapPlan = try #require(
                entries.first { ($0["request"] as? String)?.contains("configmap") == true }?["id"] as? String)

            let selector = try await kagent.run("--yes", "undo")
            #expect(selector.exitCode == 0, "\(selector.stdout)\(selector.stderr)")
            #expect(try await Self.selectedVersion(ns) == "blue")

            let configMap = try await kagent.run("--yes", "undo plan \(configMapPlan)")
            #expect(configMap.exitCode == 0, "\(configMap.stdout)\(configMap.stderr)")
            #expect(!(try await Sandbox.kubectl("get", "configmap/app-settings", "--namespace=\(ns)")).succeeded)
            let again = try await kagent.run("--yes", "undo plan \(configMapPlan)")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("has been undone already"), "\(again.stderr)")
        }
    }

    static func selectedVersion(_ namespace: String) async throws -> String {
        try await Sandbox.kubectlOK(
            "get", "service/checkout-service", "--namespace=\(namespace)", "--output=jsonpath={.spec.selector.version}")
    }

    @Test("what cannot be undone is said before it runs, and undo then refuses with the reason")
    func cannotBeUndone() async throws {
        try await Sandbox.withNamespace("undodel") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            let preview = try await kagent.run("--dry-run", "delete deployment todo-backend")
            #expect(
                preview.stdout.contains("cannot be undone: a deleted deployment cannot be brought back by kagent"),
                "\(preview.stdout)")
            let namespacePreview = try await kagent.run("--dry-run", "--output", "json", "delete namespace \(ns)")
            let reversal = try #require((try Kagent.json(namespacePreview)["undo"] as? [[String: Any]])?.first)
            #expect(reversal["possible"] as? Bool == false)
            #expect(
                reversal["summary"] as? String
                    == "deleting namespace \(ns) deletes everything in it; it cannot be undone")

            let deleted = try await kagent.run("--yes", "delete deployment todo-backend")
            #expect(deleted.exitCode == 0, "\(deleted.stdout)\(deleted.stderr)")
            let undo = try await kagent.run("--yes", "undo")
            #expect(undo.exitCode == 1)
            #expect(
                undo.stderr.contains("cannot be undone: a deleted deployment cannot be brought back"), "\(undo.stderr)")
        }
    }

    @Test("a first helm install is undone by uninstalling the release")
    func helmInstall() async throws {
        try await Sandbox.withNamespace("undohelm") { ns in
            let kagent = try Session(namespace: ns)
            let chart = Repository.examples.appendingPathComponent("todo-app").path
            let install = try await kagent.run("--project-dir", chart, "--yes", "deploy the backend with dev values")
            #expect(install.exitCode == 0, "\(install.stdout)\(install.stderr)")
            #expect(
                install.stdout.contains("`kagent undo` would uninstall release todo-backend from \(ns) again"),
                "\(install.stdout)")
            let undo = try await kagent.run("--yes", "undo")
            #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
            #expect(
                undo.stdout.contains(
                    "--kube-context=kagent-sandbox uninstall todo-backend --namespace=\(ns) --wait"))
            #expect(!(try await Sandbox.kubectl("get", "deployment/todo-backend", "--namespace=\(ns)")).succeeded)
        }
    }
}
