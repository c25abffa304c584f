import Executors
import Foundation
import Planner
import TestSupport
import Testing

/// The runner against real programs of the machine (sh, sleep, head): no kubectl needed here.
@Suite("Running commands")
struct ProcessRunnerTests {
    let runner = ProcessRunner()

    @Test("output, error output and exit status are captured")
    func captures() async throws {
        let result = try await runner.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(result.exitCode == 3)
        #expect(!result.succeeded)
        #expect(
            result.error == .failed(command: "sh -c 'echo out; echo err >&2; exit 3'", exitCode: 3, stderr: "err\n"))
    }

    @Test("arguments reach the program exactly, without a shell")
    func noShell() async throws {
        let result = try await runner.run(["printf", "%s|", "a b", "$(id)", "; rm -rf /", "*"])
        #expect(result.stdout == "a b|$(id)|; rm -rf /|*|")
    }

    @Test("a missing program says how to install it")
    func missingBinary() async {
        await #expect(throws: ExecutorError.binaryMissing("kubectl", hint: ProcessRunner.installHint(for: "kubectl"))) {
            try await ProcessRunner(searchPath: ["/nonexistent"]).run(["kubectl", "version"])
        }
    }

    @Test("a command over its time is stopped, with everything it started")
    func timeout() async throws {
        let folder = try TemporaryFolder()
        let pidFile = folder.path + "/background.pid"
        let result = try await runner.run(
            ["sh", "-c", "sleep 30 & echo $! > \"$0\"; sleep 30", pidFile], timeoutSeconds: 1)
        #expect(result.timedOut)
        // The runner's own clock, from spawn to the end of the wait: stopped well before the 30 s sleeps would end.
        // (The test's wall clock also counts how long a busy machine takes to resume this test task.)
        #expect(result.seconds < 25, "stopped after \(result.seconds) s")
        guard case .timedOut = result.error else {
            Issue.record("expected a time-out error, got \(String(describing: result.error))")
            return
        }
        // What the command started in the background is gone too (its whole process group was stopped).
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let background = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<50 {
            // A zombie waiting for init to reap it has stopped running.
            let state = (try? String(contentsOfFile: "/proc/\(background)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first
            alive = (kill(background, 0) == 0 || errno == EPERM) && state != "Z"
            if !alive { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!alive, "the background sleep \(background) survived the time-out")
    }

    @Test("large output on both streams does not block")
    func largeOutput() async throws {
        let result = try await runner.run([
            "sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' a; head -c 2000000 /dev/zero | tr '\\0' b >&2",
        ])
        #expect(result.stdout.utf8.count == 3_000_000)
        #expect(result.stderr.utf8.count == 2_000_000)
    }

    @Test("the child reads nothing from kagent's terminal")
    func stdinIsNull() async throws {
        let result = try await runner.run(["sh", "-c", "cat; echo done"], timeoutSeconds: 5)
        #expect(result.stdout == "done\n")
    }

    @Test("output is streamed as it comes")
    func streams() async throws {
        let chunks = Chunks()
        _ = try await runner.run(["sh", "-c", "echo one; sleep 0.3; echo two"], timeoutSeconds: 5) { chunks.append($0) }
        #expect(chunks.all.joined() == "one\ntwo\n")
        #expect(chunks.all.count >= 2)
    }

    @Test("shell quoting for display round-trips through a real shell")
    func quoting() async throws {
        let argv = ["printf", "%s\\n", "it's", "a b", "--output=jsonpath={.spec.replicas}", ""]
        let line = ShellQuoting.command(argv)
        #expect(line == #"printf '%s\n' 'it'\''s' 'a b' '--output=jsonpath={.spec.replicas}' ''"#)
        let viaShell = try await runner.run(["sh", "-c", line])
        let direct = try await runner.run(argv)
        #expect(viaShell.stdout == direct.stdout)
    }

    @Test(
        "kubectl's error output is read for the cause",
        arguments: [
            (
                "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?",
                "unreachable"
            ),
            ("Error from server (Forbidden): deployments.apps is forbidden: User \"dev\" cannot list", "forbidden"),
            ("Error from server (NotFound): deployments.apps \"nope\" not found", "notFound"),
            ("error: unknown flag: --bogus", "failed"),
        ])
    func classify(_ stderr: String, _ expected: String) {
        let error = ExecutorError.classify(command: "kubectl get x", exitCode: 1, stderr: stderr)
        let kind: String
        switch error {
        case .unreachable: kind = "unreachable"
        case .forbidden: kind = "forbidden"
        case .notFound: kind = "notFound"
        case .failed: kind = "failed"
        default: kind = "other"
        }
        #expect(kind == expected)
        #expect(error.localizedDescription.contains("command: kubectl get x"))
    }
}

final class Chunks: @unchecked Sendable {
    // Guarded by the lock; appended from the runner's thread, read after it finished.
    private let lock = NSLock()
    private var chunks: [String] = []
    func append(_ chunk: String) { lock.withLock { chunks.append(chunk) } }
    var all: [String] { lock.withLock { chunks } }
}

@Suite("Running plans")
struct PlanRunnerTests {
    let runner = PlanRunner(runner: ProcessRunner())

    func step(_ argv: [String], mutating: Bool = false, expect: String? = nil) -> PlanStep {
        PlanStep(
            argv: argv, mutating: mutating, summary: argv.joined(separator: " "),
            expectation: expect.map { .outputEquals($0) })
    }

    @Test("a plan stops at the first failed step; the rest are reported as not run")
    func stopsAtFailure() async {
        let plan = ExecutionPlan(
            request: "r", intents: [], steps: [step(["true"], mutating: true), step(["false"]), step(["true"])],
            outcome: "done")
        let report = await runner.run(plan)
        #expect(report.outcomes.map(\.status) == [.succeeded, .failed, .skipped])
        #expect(!report.succeeded)
        #expect(report.completedChanges.count == 1)
    }

    @Test("a verification step fails when the output is not the expected one")
    func verification() async {
        let good = ExecutionPlan(request: "r", intents: [], steps: [step(["echo", "3"], expect: "3")], outcome: "")
        #expect(await runner.run(good).succeeded)
        let bad = ExecutionPlan(request: "r", intents: [], steps: [step(["echo", "2"], expect: "3")], outcome: "")
        let report = await runner.run(bad)
        #expect(report.failure?.error == .verificationFailed(command: "echo 2", expected: "3", actual: "2"))
    }

    @Test("validation runs the dry-run form of changing steps only, and reports the first rejection")
    func validation() async {
        var accepted = step(["true"], mutating: true)
        accepted.validationArgv = ["true"]
        var rejected = step(["true"], mutating: true)
        rejected.validationArgv = ["sh", "-c", "echo 'admission webhook denied' >&2; exit 1"]
        let readOnly = step(["false"])
        let report = await runner.validate(
            ExecutionPlan(request: "r", intents: [], steps: [accepted, readOnly, rejected], outcome: ""))
        #expect(report.checked == 2)
        #expect(report.rejection?.error.localizedDescription.contains("admission webhook denied") == true)
    }
}

@Suite("Kubeconfig")
struct KubeconfigTests {
    @Test("the current context's namespace is read from the file; --context picks another")
    func namespaces() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "config",
            contents: """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: c1
                  cluster: {server: "https://127.0.0.1:6443"}
                contexts:
                - name: dev
                  context: {cluster: c1, user: u, namespace: srvthreds}
                - name: other
                  context: {cluster: c1, user: u}
                users:
                - name: u
                  user: {token: x}
                """)
        let current = KubeconfigFile.read(kubeconfig: file.path, context: nil)
        #expect(
            current
                == KubeconfigFile(
                    context: "dev", namespace: "srvthreds", server: "https://127.0.0.1:6443",
                    contexts: ["dev", "other"],
                    currentContext: "dev"))
        #expect(KubeconfigFile.read(kubeconfig: file.path, context: "other").currentContext == "dev")
        #expect(KubeconfigFile.read(kubeconfig: file.path, context: "other").namespace == "default")
        #expect(KubeconfigFile.read(kubeconfig: folder.path + "/missing", context: nil).namespace == "default")
    }
}
