import Foundation
import Planner

/// Reads a local container with the docker CLI (read-only): `docker inspect`, then `docker logs --tail`.
/// DOCKER_HOST and the other docker settings of the environment apply as for any docker command.
public struct DockerContainerReader: ContainerReader {
    let runner: any CommandRunner
    /// Log lines read.
    static let tail = 20

    public init(runner: any CommandRunner) {
        self.runner = runner
    }

    struct Inspected: Decodable {
        var Name: String?
        var RestartCount: Int?
        var State: State
        var Config: Config?

        struct State: Decodable {
            var Status: String?
            var Running: Bool?
            var ExitCode: Int?
            var OOMKilled: Bool?
            var Error: String?
        }

        struct Config: Decodable { var Image: String? }
    }

    public func container(named name: String) async throws(PlannerError) -> ContainerState? {
        let argv = ["docker", "inspect", "--type=container", name]
        let command = ShellQuoting.command(argv)
        let result: CommandResult
        do {
            result = try await runner.run(argv, timeoutSeconds: 20)
        } catch {
            throw .cluster(
                reason: error.localizedDescription.components(separatedBy: "\n").first ?? "\(error)", command: command)
        }
        if result.exitCode != 0 {
            if result.stderr.lowercased().contains("no such container") || result.stderr.contains("No such object") {
                return nil
            }
            throw .cluster(
                reason:
                    "docker could not read the container: \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))",
                command: command)
        }
        guard let inspected = try? JSONDecoder().decode([Inspected].self, from: Data(result.stdout.utf8)).first else {
            throw .cluster(reason: "docker printed something that is not a container's description", command: command)
        }
        // The log is evidence, not a requirement: a container that never started has none.
        let logs = try? await runner.run(["docker", "logs", "--tail=\(Self.tail)", name], timeoutSeconds: 20)
        let lines = ((logs?.stdout ?? "") + (logs?.stderr ?? "")).split(separator: "\n").map(String.init)
        return ContainerState(
            name: (inspected.Name ?? name).trimmingCharacters(in: CharacterSet(charactersIn: "/")),
            status: inspected.State.Status ?? "unknown", running: inspected.State.Running ?? false,
            exitCode: inspected.State.ExitCode ?? 0, oomKilled: inspected.State.OOMKilled ?? false,
            error: inspected.State.Error ?? "", restartCount: inspected.RestartCount ?? 0,
            image: inspected.Config?.Image ?? "", logTail: Array(lines.suffix(Self.tail)))
    }
}
