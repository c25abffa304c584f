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

    /// Whether its socket is there (scripts/docker-engine up ran).
    public static var isUp: Bool { FileManager.default.fileExists(atPath: String(host.dropFirst("unix://".count))) }

    /// Real docker against the engine.
    public static func docker(_ arguments: [String]) async throws -> CommandResult {
        try await ProcessRunner(searchPath: Sandbox.searchPath, environment: ["DOCKER_HOST": host]).run(
            ["docker"] + arguments, timeoutSeconds: 120)
    }
}
