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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker", "--host", host, "version", "--format", "{{.Server.Version}}"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    /// Real docker against the engine.
    public static func docker(_ arguments: [String]) async throws -> CommandResult {
        try await ProcessRunner(searchPath: Sandbox.searchPath, environment: ["DOCKER_HOST": host]).run(
            ["docker"] + arguments, timeoutSeconds: 120)
    }
}
