import Executors
import Foundation
import TestSupport
import Testing

/// A secret value in a request, through the real kagent binary, checked on every path it could leak by: the plan
/// text, the JSON, the "Run it with" line, error output, the audit log, the undo journal, the model request,
/// helm's argv and `ps` while helm runs. A stand-in helm (first on PATH) records what it was given; no cluster is
/// needed for these.
@Suite("Secret values on every path", .serialized)
struct SecretTests {
    static let todoApp = Repository.examples.appendingPathComponent("todo-app").path
    static let secret = "hunter2-Zq9"
    static let request = "deploy the backend with prod values and set db.passwd=\(secret) and replicaCount=2"

    /// A folder with stand-ins for helm (records, then exits 0, or 1 with HELM_STANDIN_FAIL set) and kubectl
    /// (exits 0), a state folder, and an unreachable kubeconfig.
    final class Setup: Sendable {
        let folder: TemporaryFolder
        let bin: String
        let record: String
        let state: String

        init() throws {
            folder = try TemporaryFolder()
            bin = folder.path + "/bin"
            record = folder.path + "/record"
            state = folder.path + "/state"
            for path in [bin, record, state] {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
            try folder.unreachableKubeconfig()
            let helm = """
                #!/bin/sh
                # kagent's test stand-in for helm: records its argv, what ps shows while it runs, and the private
                # values file it was given (mode, folder mode, content).
                record=\(ShellQuoting.quote(record))
                for word in "$@"; do printf '%s\\n' "$word"; done >> "$record/argv"
                ps -eo args >> "$record/ps"
                for f in /proc/[0-9]*/cmdline; do tr '\\000' ' ' < "$f"; echo; done >> "$record/proc" 2>/dev/null
                for word in "$@"; do
                  case "$word" in
                    --values=*/values.yaml)
                      file=${word#--values=}
                      printf '%s' "$file" > "$record/path"
                      stat -c %a "$file" > "$record/file-mode"
                      stat -c %a "$(dirname "$file")" > "$record/folder-mode"
                      cat "$file" > "$record/content" ;;
                  esac
                done
                if [ -n "$HELM_STANDIN_FAIL" ]; then echo "Error: UPGRADE FAILED: the chart is broken" >&2; exit 1; fi
                echo "Release has been upgraded."

                """
            try folder.write("helm.sh", contents: helm)
            try folder.write(
                "kubectl.sh", contents: "#!/bin/sh\necho 'deployment \"todo-backend\" successfully rolled out'\n")
            for tool in ["helm", "kubectl"] {
                let installed = try Process.run(
                    URL(fileURLWithPath: "/usr/bin/install"),
                    arguments: ["-m", "755", folder.path + "/\(tool).sh", bin + "/" + tool])
                installed.waitUntilExit()
            }
        }

        var environment: [String: String] {
            [
                "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "XDG_STATE_HOME": state, "XDG_CONFIG_HOME": folder.path + "/config", "NO_COLOR": "1",
                "KAGENT_LLM_URL": "", "KAGENT_LLM_MODEL": "",
            ]
        }

        func kagent(_ arguments: [String], extra: [String: String] = [:]) async throws -> CommandResult {
            try await Kagent.run(
                ["--kubeconfig", folder.path + "/kubeconfig", "--project-dir", SecretTests.todoApp, "-n", "kt-secrets"]
                    + arguments,
                environment: environment.merging(extra) { _, new in new }, timeout: 60)
        }

        func read(_ name: String) -> String {
            (try? String(contentsOfFile: record + "/" + name, encoding: .utf8)) ?? ""
        }

        func stateFile(_ name: String) -> String {
            (try? String(contentsOfFile: state + "/kagent/" + name, encoding: .utf8)) ?? ""
        }
    }

    static func expectNoSecret(_ text: String, _ where: String) {
        #expect(!text.contains(secret), "the secret value is in \(`where`): \(text)")
    }

    @Test("the dry run: plan text, the 'Run it with' line and the JSON show the placeholder, never the value")
    func dryRun() async throws {
        let setup = try Setup()
        let text = try await setup.kagent(["--offline", "--dry-run", Self.request])
        #expect(text.exitCode == 0, "\(text.stdout)\(text.stderr)")
        Self.expectNoSecret(text.stdout + text.stderr, "the plan text")
        #expect(
            text.stdout.contains("--set=replicaCount=2 --values=<private file with 1 secret value> --wait"),
            "\(text.stdout)")
        #expect(text.stdout.contains("db.passwd=(hidden)"), "\(text.stdout)")
        #expect(
            text.stdout.contains(
                "Run it with: kagent --yes \"deploy the backend with prod values and set db.passwd=(hidden)"))

        let json = try await setup.kagent(["--offline", "--dry-run", "--output", "json", Self.request])
        #expect(json.exitCode == 0, "\(json.stdout)\(json.stderr)")
        Self.expectNoSecret(json.stdout + json.stderr, "the JSON")
        let object = try Kagent.json(json)
        let argv = (object["steps"] as? [[String: Any]])?.first?["argv"] as? [String] ?? []
        #expect(argv.contains("--values=<private file with 1 secret value>"), "\(argv)")
        let intent = object["intent"] as? [String: Any]
        #expect(intent?["set"] as? [String] == ["db.passwd=(hidden)", "replicaCount=2"], "\(object)")

        // Without --yes and without a terminal: not run, and the line that says how to run it hides the value.
        let unconfirmed = try await setup.kagent(["--offline", Self.request])
        #expect(unconfirmed.exitCode != 0)
        Self.expectNoSecret(unconfirmed.stdout + unconfirmed.stderr, "the not-confirmed message")
        #expect(unconfirmed.stderr.contains("with each (hidden) typed again"), "\(unconfirmed.stderr)")
        #expect(setup.read("argv").isEmpty, "helm ran")
    }

    @Test("running: helm gets the value in a 0600 file in a 0700 folder, gone afterwards; not in argv, ps, logs")
    func run() async throws {
        let setup = try Setup()
        let result = try await setup.kagent(["--offline", "--yes", Self.request])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        Self.expectNoSecret(result.stdout + result.stderr, "kagent's output")

        let argv = setup.read("argv")
        #expect(argv.contains("upgrade") && argv.contains("--set=replicaCount=2"), "\(argv)")
        Self.expectNoSecret(argv, "helm's argv")
        let ps = setup.read("ps")
        #expect(ps.contains("/kubeconfig upgrade --install todo-backend"), "ps did not see helm: \(ps)")
        #expect(ps.contains("kagent"), "ps did not see kagent: \(ps)")
        Self.expectNoSecret(ps, "ps -eo args while helm ran")
        Self.expectNoSecret(setup.read("proc"), "/proc/*/cmdline while helm ran")

        let path = setup.read("path")
        #expect(path.hasSuffix("/values.yaml"), "helm got no private values file: \(argv)")
        #expect(argv.contains("--values=\(path)"))
        #expect(setup.read("file-mode") == "600\n")
        #expect(setup.read("folder-mode") == "700\n")
        #expect(setup.read("content") == "\"db\":\n  \"passwd\": \"\(Self.secret)\"\n")
        #expect(!FileManager.default.fileExists(atPath: path), "the private file is left behind")
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))

        let audit = setup.stateFile("audit.jsonl")
        #expect(audit.contains("<private file with 1 secret value>"), "\(audit)")
        #expect(!audit.contains(path))
        Self.expectNoSecret(audit, "the audit log")
        let undo = setup.stateFile("undo.json")
        #expect(undo.contains("db.passwd=(hidden)"), "\(undo)")
        Self.expectNoSecret(undo, "the undo journal")
        let history = try await setup.kagent(["history"])
        Self.expectNoSecret(history.stdout + history.stderr, "kagent history")
    }

    @Test("a failed helm: the error shows the command with the placeholder, and the file is gone")
    func failure() async throws {
        let setup = try Setup()
        let result = try await setup.kagent(["--offline", "--yes", Self.request], extra: ["HELM_STANDIN_FAIL": "1"])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        Self.expectNoSecret(result.stdout + result.stderr, "the failure report")
        #expect(result.stderr.contains("UPGRADE FAILED"), "\(result.stderr)")
        #expect(result.stderr.contains("--values=<private file with 1 secret value>"), "\(result.stderr)")
        let path = setup.read("path")
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
        #expect(!result.stderr.contains(path))
        Self.expectNoSecret(setup.stateFile("audit.jsonl"), "the audit log")

        let json = try await setup.kagent(
            ["--offline", "--yes", "--output", "json", Self.request], extra: ["HELM_STANDIN_FAIL": "1"])
        Self.expectNoSecret(json.stdout + json.stderr, "the JSON failure report")
    }

    @Test("requests not understood, refused or sent to the model: the echo and the model request hide the value")
    func echoes() async throws {
        let setup = try Setup()
        let unknown = try await setup.kagent([
            "--offline", "--output", "json", "frobnicate the gizmo with api_key=\(Self.secret)",
        ])
        Self.expectNoSecret(unknown.stdout + unknown.stderr, "the not-understood report")
        #expect(unknown.stdout.contains("api_key=(hidden)"), "\(unknown.stdout)")
        let refused = try await setup.kagent(["--offline", "--dry-run", "set DB_PASSWORD=\(Self.secret) on backend"])
        Self.expectNoSecret(refused.stdout + refused.stderr, "a refusal")

        let server = try await FakeModelServer.start(mode: "good")
        let model = try await setup.kagent(
            [
                "--offline", "--dry-run", "--output", "json",
                "please make the backend have three copies token=\(Self.secret)",
            ],
            extra: ["KAGENT_LLM_URL": server.url, "KAGENT_LLM_MODEL": "test-model", "KAGENT_LLM_API_KEY": "sk-x"])
        Self.expectNoSecret(model.stdout + model.stderr, "the model's plan")
        let body = try await server.lastRequest()
        let messages = body["messages"] as? [[String: Any]] ?? []
        let sent = messages.last?["content"] as? String ?? ""
        #expect(sent == "please make the backend have three copies token=(hidden)", "\(body)")
        Self.expectNoSecret("\(body)", "the model request")
    }
}

/// The same with the real helm on the sandbox: helm gets the value from the private file.
@Suite("Secret values reach helm on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct SandboxSecretTests {
    @Test("a secret --set reaches the release's values (helm get values) and no file is left behind")
    func realHelm() async throws {
        try await Sandbox.withNamespace("sec") { ns in
            let secret = "s3cr3t-\(UUID().uuidString.prefix(6))"
            let result = try await Kagent.onSandbox(
                "--project-dir", SecretTests.todoApp, "-n", ns, "--yes",
                "deploy the backend with dev values and set db.passwd=\(secret)")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
            #expect(result.stdout.contains("--values=<private file with 1 secret value>"), "\(result.stdout)")
            let values = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
                [
                    "helm", "--kubeconfig=\(Sandbox.kubeconfig)", "get", "values", "todo-backend",
                    "--namespace=\(ns)", "--output=json",
                ], timeoutSeconds: 60)
            #expect(values.succeeded, "\(values.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(values.stdout.utf8)) as? [String: Any]
            #expect((object?["db"] as? [String: Any])?["passwd"] as? String == secret, "\(values.stdout)")
            _ = try? await ProcessRunner(searchPath: Sandbox.searchPath).run(
                ["helm", "--kubeconfig=\(Sandbox.kubeconfig)", "uninstall", "todo-backend", "--namespace=\(ns)"],
                timeoutSeconds: 120)
        }
    }
}
