import Executors
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `scripts/fake-llm-server`: a real OpenAI-compatible HTTP server on 127.0.0.1 with canned answers, one per test.
///
/// Started with posix_spawn and stopped with SIGKILL when the value goes away; nothing here blocks a thread of
/// Swift's cooperative pool for long.
public final class FakeModelServer: Sendable {
    public let port: Int
    private let pid: pid_t
    private let folder: TemporaryFolder

    /// The key the server's `auth` mode accepts.
    public static let rightKey = "sk-test-right-key-1234"

    /// Starts the server in a mode (see the script); `answer` is the content the `fixed` mode returns.
    public static func start(mode: String, answer: String? = nil, environment extra: [String: String] = [:])
        async throws
        -> FakeModelServer
    {
        let folder = try TemporaryFolder()
        let portFile = folder.url.appendingPathComponent("port").path
        let script = Repository.root.appendingPathComponent("scripts/fake-llm-server").path
        var environment = ProcessInfo.processInfo.environment
        if let answer { environment["FAKE_LLM_ANSWER"] = answer }
        environment.merge(extra) { _, new in new }
        let argv = ["/usr/bin/env", "python3", script, mode, portFile]
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArgv { free(pointer) }
            for pointer in cEnv { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, cArgv, cEnv) == 0 else {
            throw CocoaError(.executableLoad)
        }
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                return FakeModelServer(port: port, pid: pid, folder: folder)
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, nil, 0)
        throw CocoaError(.fileReadNoSuchFile)
    }

    private init(port: Int, pid: pid_t, folder: TemporaryFolder) {
        self.port = port
        self.pid = pid
        self.folder = folder
    }

    deinit {
        kill(pid, SIGKILL)
        waitpid(pid, nil, 0)
    }

    /// The API base URL to give kagent.
    public var url: String { "http://127.0.0.1:\(port)/v1" }

    /// The number of POSTs (chat completions asked for) the server received.
    public func requestCount() async throws -> Int {
        let object = try await get("/count")
        return object["count"] as? Int ?? -1
    }

    /// The last POST body.
    public func lastRequest() async throws -> [String: Any] { try await get("/last") }

    private func get(_ path: String) async throws -> [String: Any] {
        let result = try await ProcessRunner().run([
            "curl", "-s", "--max-time", "5", "http://127.0.0.1:\(port)\(path)",
        ])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }

    /// A port nothing listens on: a server started and stopped.
    public static func closedPort() async throws -> Int {
        // The server is released, so stopped, as soon as its port is read.
        try await start(mode: "good").port
    }
}
