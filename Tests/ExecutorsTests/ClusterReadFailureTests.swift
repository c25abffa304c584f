import Executors
import Planner
import Testing

/// A read of the cluster that fails is reported as the failure it is, never as an empty answer or a missing object.
@Suite("Failed cluster reads")
struct ClusterReadFailureTests {
    /// Every command ends with this exit status and error output (or times out).
    struct FailingRunner: CommandRunner {
        var exitCode: Int32 = 1
        var stderr: String
        var timedOut = false

        func run(_ argv: [String], input: String?, timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?)
            async throws(ExecutorError) -> CommandResult
        {
            CommandResult(
                argv: argv, exitCode: timedOut ? -1 : exitCode, stdout: "", stderr: stderr, seconds: 0.1,
                timedOut: timedOut)
        }

        func runAttached(_ argv: [String]) async throws(ExecutorError) -> Int32 { exitCode }
    }

    static func readError(_ runner: FailingRunner, helm: Bool) async -> PlannerError? {
        let cluster = KubectlCluster(runner: runner, context: PlanningContext(cluster: nil))
        do {
            if helm {
                _ = try await cluster.helmReleases(namespace: nil)
            } else {
                _ = try await cluster.objects(kinds: ["deployment"], namespace: "shop")
            }
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "a failed list names the command, its exit status and error output; 'not found' in it is no absence",
        arguments: [
            ("Error: list: failed to list: etcdserver: request timed out", true),
            ("Error: query: failed to query with labels: the server could not find the requested resource", true),
            ("Error from server (NotFound): the server could not find the requested resource", false),
            ("error: stand-in failed", false),
        ])
    func failedList(stderr: String, helm: Bool) async throws {
        let error = try #require(await Self.readError(FailingRunner(exitCode: 1, stderr: stderr), helm: helm))
        guard case .cluster(let reason, let command) = error else {
            Issue.record("a failed read became \(error)")
            return
        }
        #expect(reason.contains("reading the cluster failed with exit status 1"), "\(reason)")
        #expect(reason.contains("| \(stderr)"), "\(reason)")
        #expect(!reason.contains("does not exist"), "\(reason)")
        #expect(command?.hasPrefix(helm ? "helm list --output=json" : "kubectl get deployments") == true, "\(command ?? "")")
    }

    @Test("an unreachable cluster keeps its advice and adds the exit status; a time-out says so")
    func unreachableAndTimeout() async throws {
        let refused = "Error: Kubernetes cluster unreachable: dial tcp 127.0.0.1:6443: connect: connection refused"
        let unreachable = try #require(await Self.readError(FailingRunner(exitCode: 1, stderr: refused), helm: true))
        #expect(unreachable.localizedDescription.contains("cannot reach the cluster"), "\(unreachable)")
        #expect(unreachable.localizedDescription.contains("(exit status 1)"), "\(unreachable)")
        #expect(unreachable.localizedDescription.contains("| \(refused)"), "\(unreachable)")

        let slow = try #require(await Self.readError(FailingRunner(stderr: "", timedOut: true), helm: true))
        #expect(slow.localizedDescription.contains("did not finish within"), "\(slow)")
        #expect(slow.localizedDescription.contains("command: helm list --output=json --all-namespaces"), "\(slow)")
    }
}
