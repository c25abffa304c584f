/// `ContainerNotRunning`: a local Docker container (a database of `docker compose`, say) that is not running,
/// with its exit code, Docker's error and its last log lines as evidence, and what the exit code means.
///
/// The only fix offered is `docker start` for a container that stopped cleanly (exit 0, or 143 after
/// `docker stop`); a container that crashed would crash again, so the checks say where to look instead.
public enum ContainerNotRunningAnalyzer {
    /// Lines of the log shown as evidence.
    static let evidenceLines = 5

    public static func analyze(_ state: ContainerState) -> Finding? {
        guard !state.running else { return nil }
        var evidence = [
            "status \(state.status), exit code \(state.exitCode)"
                + (state.oomKilled ? ", killed for using too much memory (OOMKilled)" : "")
                + (state.restartCount > 0 ? ", restarted \(state.restartCount) times" : "")
        ]
        if !state.error.isEmpty { evidence.append("Docker: \(state.error)") }
        let lines = state.logTail.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.suffix(evidenceLines)
        evidence += lines.map { "log: \($0)" }

        var explanation = meaning(of: state)
        if let unreachable = lines.first(where: { line in
            ["ECONNREFUSED", "Connection refused", "connection refused", "could not connect", "no such host"]
                .contains { line.contains($0) }
        }) {
            explanation +=
                " The logs show it could not reach something it needs (\(unreachable.trimmingCharacters(in: .whitespaces))): start that first, or check the address it is given."
        }

        let name = state.name
        let checks = [
            PlanStep(
                argv: ["docker", "logs", "--tail=50", name], mutating: false,
                summary: "show the last 50 lines \(name) logged"),
            PlanStep(
                argv: ["docker", "inspect", "--format={{json .State}}", name], mutating: false,
                summary: "show \(name)'s state as Docker records it"),
        ]
        var fix: [PlanStep] = []
        if !state.oomKilled && (state.exitCode == 0 || state.exitCode == 143) && state.error.isEmpty {
            fix = [
                PlanStep(
                    argv: ["docker", "start", name], mutating: true, summary: "start container \(name) again"
                ).undone(
                    by: "stop container \(name) again",
                    [PlanStep(argv: ["docker", "stop", name], mutating: true, summary: "stop container \(name) again")]),
                PlanStep(
                    argv: ["docker", "inspect", "--format={{.State.Running}}", name], mutating: false,
                    summary: "check that \(name) is running", expectation: .outputEquals("true")),
            ]
        }
        return Finding(
            problem: "ContainerNotRunning", severity: .critical, resource: "container/\(name)", namespace: "",
            evidence: evidence, explanation: explanation, fix: fix, checks: checks, subjects: [name])
    }

    /// What the exit code (and Docker's error) says, in plain words.
    static func meaning(of state: ContainerState) -> String {
        let name = state.name
        if !state.error.isEmpty {
            return "Docker could not start \(name): \(state.error)."
        }
        if state.oomKilled || state.exitCode == 137 {
            return
                "\(name) was killed (signal 9), usually for using more memory than it may; raise its memory limit or find what grows."
        }
        switch state.exitCode {
        case 0:
            return
                "\(name)'s command finished normally and the container stopped: a service must keep running in the foreground. Start it again if it was stopped on purpose."
        case 143:
            return "\(name) was stopped (signal 15, as `docker stop` does). Start it again."
        case 125:
            return "Docker itself failed to run \(name) (exit code 125): check its options and image."
        case 126:
            return "\(name)'s command could not be run (exit code 126: not executable, or no permission)."
        case 127:
            return "\(name)'s command was not found in the image (exit code 127)."
        case 139:
            return "\(name) crashed with a segmentation fault (exit code 139)."
        default:
            if state.status == "created" {
                return "\(name) was created but never started."
            }
            return "\(name) stopped with an error (exit code \(state.exitCode)); its last log lines say why."
        }
    }
}
