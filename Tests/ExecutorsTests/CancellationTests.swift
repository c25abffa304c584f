import Executors
import Foundation
import TestSupport
import Testing

/// A cancelled task (an MCP client's cancelled request) stops what it waits for at once: a child process, a
/// plan's remaining steps, a model request, not at their time-outs.
@Suite("Cancellation")
struct CancellationTests {
    @Test("a cancelled task stops its child process, reported as stopped")
    func processStops() async throws {
        let started = Date()
        let task = Task { try await ProcessRunner().run(["sleep", "30"], input: nil, timeoutSeconds: 60, onOutput: nil) }
        try await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        let result = await task.result
        #expect(Date().timeIntervalSince(started) < 10, "stopped at once, not after 30 s")
        switch result {
        case .success(let command): #expect(command.error?.isStop == true, "\(command)")
        case .failure(let error): #expect((error as? ExecutorError)?.isStop == true, "\(error)")
        }
    }

    @Test("a cancelled model request ends at once with 'stopped', not at its time-out")
    func modelRequestStops() async throws {
        let server = try await FakeModelServer.start(mode: "slow")
        let started = Date()
        let task = Task {
            try await HTTPClient(totalTimeoutSeconds: 60).postJSON(
                url: server.url + "/chat/completions", body: Data("{}".utf8), bearer: nil)
        }
        try await Task.sleep(nanoseconds: 500_000_000)
        task.cancel()
        let result = await task.result
        #expect(Date().timeIntervalSince(started) < 10, "stopped at once, not after the server's 30 s")
        guard case .failure(let error) = result else {
            Issue.record("the request answered: \(result)")
            return
        }
        #expect((error as? HTTPError).map { if case .stopped = $0 { true } else { false } } == true, "\(error)")
    }
}
