import Executors
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `scripts/fake-llm-server`: a real OpenAI-compatible HTTP server on 127.0.0.1 with canned answers, one per test.
public final class FakeModelServer: @unchecked Sendable {
    public let port: Int
    private let process: Process

    /// The key the server's `auth` mode accepts.
    public static let rightKey = "sk-test-right-key-1234"

    /// Starts the server in a mode (see the script); `answer` is the content the `fixed` mode returns.
    public init(mode: String, answer: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.root.appendingPathComponent("scripts/fake-llm-server").path, mode]
        var environment = ProcessInfo.processInfo.environment
        if let answer { environment["FAKE_LLM_ANSWER"] = answer }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
        self.process = process
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
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
        let result = try await ProcessRunner().run(["curl", "-s", "--max-time", "5", "http://127.0.0.1:\(port)\(path)"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }

    /// A port nothing listens on: a server started and stopped.
    public static func closedPort() throws -> Int {
        let server = try FakeModelServer(mode: "good")
        let port = server.port
        server.process.terminate()
        server.process.waitUntilExit()
        return port
    }
}
