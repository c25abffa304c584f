import Executors
import Foundation
import TestSupport
import Testing

/// "why won't my X container start" on the local engine of scripts/docker-engine: a container that exits
/// at once, and what kagent shows of it. Skipped when that engine does not answer.
@Suite("Container troubleshooting on the local engine", .enabled(if: LocalDockerEngine.isUp))
struct ContainerTroubleshootTests {
    @Test("a container that exited: its state, exit code and last log lines")
    func exited() async throws {
        let name = "kt-exit-\(UUID().uuidString.prefix(6).lowercased())"
        let created = try await LocalDockerEngine.docker([
            "run", "--name=\(name)", "--network=none", "kagent-base:busybox", "sh", "-c",
            "echo 'MongoServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017'; exit 3",
        ])
        #expect(created.exitCode == 3, "\(created.stderr)")
        defer { Task { _ = try? await LocalDockerEngine.docker(["rm", "--force", name]) } }
        let result = try await Kagent.run(
            ["--offline", "why won't my \(name) container start"], environment: ["DOCKER_HOST": LocalDockerEngine.host])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("exited, exit code 3"), "\(result.stdout)")
        #expect(result.stdout.contains("connect ECONNREFUSED 127.0.0.1:27017"), "\(result.stdout)")
    }

    @Test("JSON: the ContainerNotRunning finding with the exit code and the log line as evidence")
    func finding() async throws {
        let name = "kt-find-\(UUID().uuidString.prefix(6).lowercased())"
        let created = try await LocalDockerEngine.docker([
            "run", "--name=\(name)", "--network=none", "kagent-base:busybox", "sh", "-c",
            "echo 'could not connect to redis at 127.0.0.1:6379: Connection refused'; exit 4",
        ])
        #expect(created.exitCode == 4, "\(created.stderr)")
        defer { Task { _ = try? await LocalDockerEngine.docker(["rm", "--force", name]) } }
        let result = try await Kagent.run(
            ["--offline", "--output", "json", "why won't my \(name) container start"],
            environment: ["DOCKER_HOST": LocalDockerEngine.host])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let json = try Kagent.json(result)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["problem"] as? String == "ContainerNotRunning")
        #expect(findings.first?["resource"] as? String == "container/\(name)")
        let evidence = findings.first?["evidence"] as? [String] ?? []
        #expect(evidence.contains("status exited, exit code 4"), "\(evidence)")
        #expect(evidence.contains { $0.contains("Connection refused") }, "\(evidence)")
        #expect(findings.first?["fix"] is NSNull, "a crash has no safe fix")
    }

    @Test("a container stopped cleanly is started again by the fix, and checked to run")
    func fixStopped() async throws {
        let name = "kt-stop-\(UUID().uuidString.prefix(6).lowercased())"
        let created = try await LocalDockerEngine.docker([
            "run", "--detach", "--name=\(name)", "--network=none", "kagent-base:busybox", "sh", "-c",
            "trap 'exit 0' TERM; sleep 1000 & wait",
        ])
        #expect(created.succeeded, "\(created.stderr)")
        defer { Task { _ = try? await LocalDockerEngine.docker(["rm", "--force", name]) } }
        let stopped = try await LocalDockerEngine.docker(["stop", "--time=5", name])
        #expect(stopped.succeeded, "\(stopped.stderr)")
        let result = try await Kagent.run(
            ["--yes", "fix why my \(name) container won't start"], environment: ["DOCKER_HOST": LocalDockerEngine.host])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("$ docker start \(name)"), "\(result.stdout)")
        let running = try await LocalDockerEngine.docker(["inspect", "--format={{.State.Running}}", name])
        #expect(running.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "true")
    }
}
