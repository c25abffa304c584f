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

    @Test("kagent help all lists what the rules understand, from their examples; kagent help a line an action")
    func help() async throws {
        let result = try await Kagent.run(["help", "all"])
        #expect(result.exitCode == 0)
        for example in Catalog.shared.rules.compactMap(\.matchExamples.first) {
            #expect(result.stdout.contains(example.request), "help all lacks \"\(example.request)\"")
        }
        #expect(!result.stdout.contains("\u{1B}["), "no colours when not a terminal")
        let summary = try await Kagent.run(["help"])
        #expect(summary.exitCode == 0)
        let actions = Set(Catalog.shared.rules.map(\.action))
        for action in actions { #expect(summary.stdout.contains(action), "help lacks the action \(action)") }
        #expect(summary.stdout.split(separator: "\n").count < 2 * actions.count + 40, "help is a line or two an action")
        let scale = try await Kagent.run(["help", "scale"])
        #expect(scale.exitCode == 0)
        #expect(scale.stdout.contains("bump backend to 4 replicas"), "\(scale.stdout)")
        #expect(!scale.stdout.contains("  restart\n"), "help scale shows scaling only")
        // "help me …" is a request, not help.
        let request = try await Kagent.run(["--offline", "--dry-run", "help me restart the backend"])
        #expect(request.stdout.contains("rollout restart"), "\(request.stdout)\(request.stderr)")
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

    /// A fresh shell after scripts/setup: PATH with ~/.local/bin first (as Debian's ~/.profile makes it), no rc file.
    static var freshPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    @Test("`kubectl kagent` runs kagent through the plugin scripts/setup puts on PATH")
    func kubectlPlugin() async throws {
        let kubectl = try #require(
            Sandbox.searchPath.map { $0 + "/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        let result = try await ProcessRunner(environment: ["PATH": Self.freshPath]).run(
            [kubectl, "kagent", "--dry-run", "--offline", "--output", "json", "scale backend to 3"], timeoutSeconds: 60)
        #expect(result.exitCode == 0, "run scripts/setup first: \(result.stderr)")
        #expect(result.stdout.contains("\"--replicas=3\""), "\(result.stdout)")
    }

    @Test("Tab completes kagent's options in a fresh bash through the completion scripts/setup installs")
    func bashCompletion() async throws {
        let data = ProcessInfo.processInfo.environment["XDG_DATA_HOME"]
            ?? ((ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        let script = data + "/bash-completion/completions/kagent"
        try #require(FileManager.default.fileExists(atPath: script), "no \(script): run scripts/setup")
        // What bash-completion does when Tab is pressed after `kagent --dry`: load the file, call the function.
        let session = """
            source '\(script)'
            COMP_WORDS=(kagent --dry); COMP_CWORD=1; COMP_LINE='kagent --dry'; COMP_POINT=${#COMP_LINE}
            _kagent kagent --dry kagent
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try await ProcessRunner(environment: ["PATH": Self.freshPath]).run(
            ["bash", "--norc", "--noprofile", "-c", session], timeoutSeconds: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").contains("--dry-run"), "\(result.stdout)\(result.stderr)")
    }
}
