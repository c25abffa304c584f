import Foundation
import Executors
import TestSupport
import Testing

/// The JSON contract and exit statuses, through the real binary. None of these need the cluster.
@Suite("JSON contract")
struct ContractTests {
    @Test("an offline dry run prints exactly the contract's object")
    func offlineDryRun() async throws {
        let result = try await Kagent.run(["--dry-run", "--output", "json", "--offline", "scale backend to 3"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasSuffix("}\n") && result.stdout.filter { $0 == "\n" }.count == 1, "one object, one line")
        let json = try Kagent.json(result)
        #expect(Set(json.keys) == ["request", "understood", "intent", "steps"])
        #expect(json["request"] as? String == "scale backend to 3")
        #expect(json["understood"] as? Bool == true)
        let intent = try #require(json["intent"] as? [String: Any])
        #expect(intent["action"] as? String == "scale")
        #expect(intent["name"] as? String == "backend")
        #expect(intent["replicas"] as? Int == 3)
        let steps = try #require(json["steps"] as? [[String: Any]])
        for step in steps { #expect(Set(step.keys) == ["argv", "mutating", "summary"]) }
        #expect(
            steps.map { $0["argv"] as? [String] ?? [] } == [
                ["kubectl", "scale", "deployment/backend", "--replicas=3", "--namespace=default"],
                ["kubectl", "get", "deployment/backend", "--namespace=default", "--output=jsonpath={.spec.replicas}"],
                ["kubectl", "rollout", "status", "deployment/backend", "--namespace=default", "--timeout=180s"],
            ])
        #expect(steps.map { $0["mutating"] as? Bool } == [true, false, false])
    }

    @Test("every kubectl step names its namespace; --context and --kubeconfig are passed through")
    func flagsPassThrough() async throws {
        let folder = try TemporaryFolder()
        let kubeconfig = try folder.write(
            "config",
            contents: """
                apiVersion: v1
                kind: Config
                current-context: dev
                contexts:
                - name: dev
                  context: {cluster: c, user: u, namespace: srvthreds}
                - name: minikube
                  context: {cluster: c, user: u, namespace: team}
                """)
        let result = try await Kagent.run([
            "--dry-run", "-o", "json", "--offline", "--kubeconfig", kubeconfig.path, "--context", "minikube",
            "scale frontend down to zero",
        ])
        let steps = try #require(try Kagent.json(result)["steps"] as? [[String: Any]])
        let argv = try #require(steps.first?["argv"] as? [String])
        #expect(
            argv == [
                "kubectl", "--kubeconfig=\(kubeconfig.path)", "--context=minikube", "scale", "deployment/frontend",
                "--replicas=0", "--namespace=team",
            ])
        for step in steps { #expect((step["argv"] as? [String])?.contains { $0.hasPrefix("--namespace=") } == true) }
    }

    @Test("not understood: understood false, no steps, suggestions, exit 3")
    func notUnderstood() async throws {
        let result = try await Kagent.run(["--dry-run", "--output", "json", "--offline", "scale the thing somehow"])
        #expect(result.exitCode == 3)
        let json = try Kagent.json(result)
        #expect(json["understood"] as? Bool == false)
        #expect(json["intent"] is NSNull)
        #expect((json["steps"] as? [Any])?.isEmpty == true)
        #expect((json["suggestions"] as? [String])?.isEmpty == false)
        #expect((json["message"] as? String)?.isEmpty == false)
    }

    @Test(
        "refused input: exit 2 with the reason, in JSON too",
        arguments: [
            "scale backend to 3; rm -rf /", String(repeating: "x", count: 100_000), "   ",
            "scale backend to 3 -n -kube-system",
        ])
    func refused(_ request: String) async throws {
        let result = try await Kagent.run(["--dry-run", "--output", "json", "--offline", request])
        #expect(result.exitCode == 2)
        let json = try Kagent.json(result)
        #expect(json["understood"] as? Bool == false)
        #expect((json["message"] as? String)?.isEmpty == false)
    }

    @Test("relative scaling offline is refused with the way out, exit 1")
    func offlineRelative() async throws {
        let result = try await Kagent.run(["--dry-run", "--offline", "add two replicas to backend"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("drop --offline"), "\(result.stderr)")
    }

    @Test("an unreachable cluster is reported as such, with the command, and nothing runs")
    func unreachable() async throws {
        let folder = try TemporaryFolder()
        let kubeconfig = try folder.unreachableKubeconfig()
        let result = try await Kagent.run(["--kubeconfig", kubeconfig.path, "--yes", "scale backend to 3"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("cannot reach the cluster"), "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "command: kubectl --kubeconfig=\(kubeconfig.path) get deployments.apps,statefulsets.apps"),
            "\(result.stderr)")
    }

    @Test("kagent help lists what the rules understand, from their examples")
    func help() async throws {
        let result = try await Kagent.run(["help"])
        #expect(result.exitCode == 0)
        for example in Catalog.shared.rules.compactMap(\.matchExamples.first) {
            #expect(result.stdout.contains(example.request), "help lacks \"\(example.request)\"")
        }
        #expect(!result.stdout.contains("\u{1B}["), "no colours when not a terminal")
    }
}

/// How kagent is reached from kubectl and from the shell's completion.
@Suite("kubectl plugin and shell completion")
struct PluginAndCompletionTests {
    @Test("completion scripts for bash, zsh and fish name kagent's options", arguments: ["bash", "zsh", "fish"])
    func completion(shell: String) async throws {
        let result = try await Kagent.run(["--generate-completion-script", shell])
        #expect(result.exitCode == 0, "\(result.stderr)")
        for option in ["dry-run", "namespace", "kubeconfig", "output", "allow-changes"] {
            #expect(result.stdout.contains(option), "\(shell) completion lacks \(option)")
        }
    }

    @Test("`kubectl kagent` runs kagent through the plugin scripts/setup writes")
    func kubectlPlugin() async throws {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache")
        let plugin = cache + "/kagent/bin/kubectl-kagent"
        try #require(FileManager.default.isExecutableFile(atPath: plugin), "no \(plugin): run scripts/setup")
        let kubectl = try #require(
            Sandbox.searchPath.map { $0 + "/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        let path = (cache + "/kagent/bin:") + (environment["PATH"] ?? "/usr/bin:/bin")
        let result = try await ProcessRunner(searchPath: Sandbox.searchPath, environment: ["PATH": path]).run(
            [kubectl, "kagent", "--dry-run", "--offline", "--output", "json", "scale backend to 3"], timeoutSeconds: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"--replicas=3\""), "\(result.stdout)")
    }
}
