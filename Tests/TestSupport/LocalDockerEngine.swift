import Executors
import Foundation

/// The local Docker engine of scripts/docker-engine (its own socket under the state directory).
public enum LocalDockerEngine {
    /// The DOCKER_HOST value of the engine.
    public static let host: String = {
        let state =
            ProcessInfo.processInfo.environment["XDG_STATE_HOME"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state").path
        return "unix://\(state)/kagent/docker/docker.sock"
    }()

    /// Whether the engine answers: `docker version` against its socket succeeds (a socket file alone can be
    /// left behind by an engine that died). Checked once per test process.
    public static let isUp: Bool = {
        guard FileManager.default.fileExists(atPath: String(host.dropFirst("unix://".count))) else { return false }
        return commandSucceeds(["docker", "--host", host, "version", "--format", "{{.Server.Version}}"])
    }()

    /// Real docker against the engine.
    public static func docker(_ arguments: [String]) async throws -> CommandResult {
        try await ProcessRunner(searchPath: Sandbox.searchPath, environment: ["DOCKER_HOST": host]).run(
            ["docker"] + arguments, timeoutSeconds: 120)
    }
}
