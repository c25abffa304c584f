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
        // Long enough that only the cancellation can end it: no time-out, and sleep runs for 10 minutes.
        let task = Task { try await ProcessRunner().run(["sleep", "600"], input: nil, timeoutSeconds: 900, onOutput: nil) }
        try await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        let result = await task.result
        #expect(Date().timeIntervalSince(started) < 300, "stopped by the cancellation, not by sleep's end")
        let error: ExecutorError?
        switch result {
        case .success(let command): error = command.error
        case .failure(let thrown): error = thrown as? ExecutorError
        }
        guard case .interrupted? = error else {
            Issue.record("not reported as stopped: \(result)")
            return
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
        // The server answers after 30 s: an answer, or any other error, means the cancellation did not stop it.
        guard case .failure(let error) = result else {
            Issue.record("the request answered: \(result)")
            return
        }
        #expect((error as? HTTPError).map { if case .stopped = $0 { true } else { false } } == true, "\(error)")
    }
}
