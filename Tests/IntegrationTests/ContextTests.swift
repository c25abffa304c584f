import Executors
import Foundation
import TestSupport
import Testing

/// Namespaces and contexts, exec, port-forward and docker plans: the real kagent binary on the sandbox.
/// Requests that edit a kubeconfig get a copy of the sandbox's in a temporary folder, never the shared file.
@Suite("Context, exec and docker on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct ContextTests {
    /// A copy of the sandbox kubeconfig with a second context, `spare`, on the same cluster.
    func kubeconfigCopy(in folder: TemporaryFolder) async throws -> String {
        let copy = try folder.write(
            "kubeconfig", contents: try String(contentsOfFile: Sandbox.kubeconfig, encoding: .utf8))
        try await Sandbox.kubectlOK(
            "--kubeconfig=\(copy.path)", "config", "set-context", "spare", "--cluster=kagent-sandbox",
            "--user=kagent-sandbox")
        return copy.path
    }

    func kubectl(_ kubeconfig: String, _ arguments: String...) async throws -> String {
        let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
            ["kubectl", "--kubeconfig=\(kubeconfig)"] + arguments, timeoutSeconds: 30)
        try #require(result.succeeded, "kubectl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("use context switches the copied kubeconfig's current context; an unknown one lists the contexts")
    func useContext() async throws {
        try Sandbox.require()
        let folder = try TemporaryFolder()
        let kubeconfig = try await kubeconfigCopy(in: folder)
        let before = try String(contentsOfFile: Sandbox.kubeconfig, encoding: .utf8)

        let result = try await Kagent.run(["--kubeconfig", kubeconfig, "--yes", "switch to context spare"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("$ kubectl --kubeconfig=\(kubeconfig) config use-context spare"), "\(result.stdout)")
        #expect(result.stdout.contains("kubectl now uses context spare"), "\(result.stdout)")
        #expect(try await kubectl(kubeconfig, "config", "current-context") == "spare")

        let unknown = try await Kagent.run(["--kubeconfig", kubeconfig, "--yes", "use context minikube"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.stderr.contains("contexts: kagent-sandbox, spare"), "\(unknown.stderr)")
        #expect(try await kubectl(kubeconfig, "config", "current-context") == "spare")
        #expect(
            try String(contentsOfFile: Sandbox.kubeconfig, encoding: .utf8) == before, "the shared file is untouched")
    }

    @Test("set kubectl's namespace edits the copied kubeconfig, and later plans use it as the default")
    func setKubectlNamespace() async throws {
        try await Sandbox.withNamespace("kns") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let folder = try TemporaryFolder()
            let kubeconfig = try await kubeconfigCopy(in: folder)
            let result = try await Kagent.run(
                ["--kubeconfig", kubeconfig, "--yes", "set kubectl's default namespace to \(ns)"])
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("kubectl's default namespace is now \(ns)"), "\(result.stdout)")
            #expect(
                try await kubectl(kubeconfig, "config", "view", "--minify", "--output=jsonpath={..namespace}") == ns)

            let scale = try await Kagent.run(["--kubeconfig", kubeconfig, "--dry-run", "scale todo-backend to 2"])
            #expect(scale.stdout.contains("--namespace=\(ns)"), "the new default is used: \(scale.stdout)")

            let missing = try await Kagent.run(
                ["--kubeconfig", kubeconfig, "--yes", "set kubectl's default namespace to \(ns)-nope"])
            #expect(missing.exitCode == 1)
            #expect(missing.stderr.contains("no such namespace"), "\(missing.stderr)")
            #expect(
                try await kubectl(kubeconfig, "config", "view", "--minify", "--output=jsonpath={..namespace}") == ns)
        }
    }

    @Test("in the shell, 'use namespace' lasts for the next requests, and 'same for X' repeats the last one")
    func shellNamespaceAndRepeat() async throws {
        try await Sandbox.withNamespace("use") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let lines =
                "use namespace \(ns)\nrun ls /app in backend\ncreate configmap first with a=1\nsame for second\n"
            let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
                [Repository.kagentExecutable, "--kubeconfig", Sandbox.kubeconfig, "--dry-run"], input: lines,
                timeoutSeconds: 120, onOutput: nil)
            #expect(result.stdout.contains("kagent now works in namespace \(ns)"), "\(result.stdout)\(result.stderr)")
            #expect(
                result.stdout.contains("exec deployment/todo-backend --namespace=\(ns) -- ls /app"), "\(result.stdout)")
            #expect(
                result.stdout.contains("create configmap second --from-literal=a=1 --namespace=\(ns)"),
                "'same for second' repeats the configmap: \(result.stdout)\(result.stderr)")
            #expect((try? await Sandbox.kubectl("get", "configmap", "second", "--namespace=\(ns)"))?.succeeded == false)

            let oneShot = try await Kagent.onSandbox("use namespace \(ns)-missing")
            #expect(oneShot.exitCode == 1)
            #expect(oneShot.stderr.contains("no such namespace"), "\(oneShot.stderr)")
            let same = try await Kagent.onSandbox("same for frontend")
            #expect(same.exitCode != 0)
            #expect(same.stderr.contains("nothing was named yet"), "\(same.stderr)")
        }
    }

    @Test("exec is planned against the real deployment, and running it reports the sandbox's refusal clearly")
    func exec() async throws {
        try await Sandbox.withNamespace("exec") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let plan = try await Kagent.onSandbox("-n", ns, "--dry-run", "--output", "json", "run ls /app in backend")
            #expect(plan.exitCode == 0, "\(plan.stdout)\(plan.stderr)")
            let steps = try #require(try Kagent.json(plan)["steps"] as? [[String: Any]])
            #expect(
                steps.first?["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "exec", "deployment/todo-backend",
                    "--namespace=\(ns)",
                    "--", "ls", "/app",
                ])
            #expect(steps.first?["mutating"] as? Bool == true)

            let shell = try await Kagent.onSandbox("-n", ns, "--dry-run", "--output", "json", "open a shell in backend")
            let shellArgv = try #require(
                (try Kagent.json(shell)["steps"] as? [[String: Any]])?.first?["argv"] as? [String])
            #expect(shellArgv.suffix(6) == ["exec", "-it", "deployment/todo-backend", "--namespace=\(ns)", "--", "sh"])

            let run = try await Kagent.onSandbox("-n", ns, "--yes", "run ls /app in backend")
            #expect(run.exitCode == 1)
            #expect(run.stderr.contains("The plan stopped at step 1 of 1"), "\(run.stderr)")
            #expect(run.stderr.contains("exec is not supported"), "kubectl's own words: \(run.stderr)")
        }
    }

    @Test("port-forward resolves the service and its port; JSON output does not run an attached command")
    func portForward() async throws {
        try await Sandbox.withNamespace("pf") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            try await Sandbox.kubectlOK(
                "expose", "deployment/todo-backend", "--port=8000", "--target-port=8000", "--namespace=\(ns)")
            let result = try await Kagent.onSandbox("-n", ns, "--yes", "--output", "json", "port-forward backend 18080")
            #expect(result.exitCode == 4, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            let step = try #require((json["steps"] as? [[String: Any]])?.first)
            #expect(
                step["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "port-forward", "service/todo-backend",
                    "18080:8000",
                    "--namespace=\(ns)",
                ])
            #expect(step["mutating"] as? Bool == false)
            #expect(json["executed"] == nil)
            #expect((json["message"] as? String)?.contains("attached to the terminal") == true)
        }
    }

    @Test("docker and compose plans come from the working directory's compose files, relative to it")
    func dockerPlans() async throws {
        try Sandbox.require()
        let folder = try TemporaryFolder()
        try folder.write(
            "infra/docker-compose-db.yml",
            contents: "services:\n  mongo:\n    image: mongo:7.0\n  cache:\n    image: redis:7\n")
        try folder.write(
            "app/compose.yaml", contents: "services:\n  web:\n    build: .\n  db:\n    image: postgres:16\n")
        func kagent(_ arguments: String...) async throws -> CommandResult {
            try await ProcessRunner(searchPath: Sandbox.searchPath).run(
                ["env", "-C", folder.path, Repository.kagentExecutable, "--offline", "--dry-run", "--output", "json"]
                    + arguments, timeoutSeconds: 60)
        }
        func argv(_ result: CommandResult) throws -> [[String]] {
            try #require(try Kagent.json(result)["steps"] as? [[String: Any]]).compactMap { $0["argv"] as? [String] }
        }
        #expect(
            try argv(await kagent("start mongo")) == [
                ["docker", "compose", "--file", "infra/docker-compose-db.yml", "up", "--detach", "--wait", "mongo"]
            ])
        #expect(
            try argv(await kagent("stop the app databases")) == [
                ["docker", "compose", "--file", "app/compose.yaml", "stop", "db"]
            ])
        let ambiguous = try await kagent("start the databases")
        #expect(ambiguous.exitCode == 1)
        #expect(
            (try Kagent.json(ambiguous)["message"] as? String)?.contains(
                "app/compose.yaml (db); infra/docker-compose-db.yml (mongo, cache)") == true, "\(ambiguous.stdout)")
        #expect(
            try argv(await kagent("build an image from ./app tagged web:dev")) == [
                ["docker", "build", "--tag=web:dev", "./app"]
            ])
        #expect(
            try argv(await kagent("last 30 lines of docker logs for mongo")) == [
                ["docker", "logs", "--tail=30", "mongo"]
            ])
    }
}
