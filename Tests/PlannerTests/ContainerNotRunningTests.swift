import Planner
import Testing

@Suite("ContainerNotRunning")
struct ContainerNotRunningTests {
    @Test("a running container has no finding")
    func running() {
        #expect(
            ContainerNotRunningAnalyzer.analyze(
                ContainerState(name: "mongo", status: "running", running: true, exitCode: 0)) == nil)
    }

    @Test("a crash: exit code, Docker's view and the last log lines as evidence; no fix, checks instead")
    func crashed() throws {
        let state = ContainerState(
            name: "api", status: "exited", running: false, exitCode: 1, restartCount: 2, image: "api:dev",
            logTail: ["starting", "", "Error: connect ECONNREFUSED 127.0.0.1:27017"])
        let finding = try #require(ContainerNotRunningAnalyzer.analyze(state))
        #expect(finding.problem == "ContainerNotRunning")
        #expect(finding.resource == "container/api")
        #expect(finding.evidence.first == "status exited, exit code 1, restarted 2 times")
        #expect(finding.evidence.contains("log: Error: connect ECONNREFUSED 127.0.0.1:27017"))
        #expect(finding.explanation.contains("exit code 1") && finding.explanation.contains("could not reach"))
        #expect(finding.fix.isEmpty)
        #expect(finding.checks.map(\.argv).first == ["docker", "logs", "--tail=50", "api"])
        #expect(finding.checks.allSatisfy { !$0.mutating })
    }

    @Test("stopped cleanly: docker start, then a check that it runs")
    func stopped() throws {
        let finding = try #require(
            ContainerNotRunningAnalyzer.analyze(
                ContainerState(name: "redis", status: "exited", running: false, exitCode: 143)))
        #expect(
            finding.fix.map(\.argv) == [
                ["docker", "start", "redis"], ["docker", "inspect", "--format={{.State.Running}}", "redis"],
            ])
        #expect(finding.fix.last?.expectation == .outputEquals("true"))
    }

    @Test(
        "exit codes are explained",
        arguments: [
            (137, "killed"), (127, "not found"), (126, "could not be run"), (0, "finished normally"),
            (2, "exit code 2"),
        ])
    func meanings(_ code: Int, _ words: String) throws {
        let finding = try #require(
            ContainerNotRunningAnalyzer.analyze(
                ContainerState(name: "c", status: "exited", running: false, exitCode: code)))
        #expect(finding.explanation.contains(words), "\(finding.explanation)")
    }

    @Test("Docker's own error is evidence and rules out the restart")
    func dockerError() throws {
        let finding = try #require(
            ContainerNotRunningAnalyzer.analyze(
                ContainerState(
                    name: "db", status: "created", running: false, exitCode: 0,
                    error: "driver failed programming external connectivity: port is already allocated")))
        #expect(
            finding.evidence.contains(
                "Docker: driver failed programming external connectivity: port is already allocated"))
        #expect(finding.fix.isEmpty)
    }
}
