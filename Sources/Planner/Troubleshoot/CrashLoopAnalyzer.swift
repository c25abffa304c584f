import Foundation

/// CrashLoopBackOff: a container keeps exiting and the kubelet waits longer before each restart. Also between two
/// back-offs, when the container has just exited again (state terminated, restarted before), and RunContainerError:
/// the runtime cannot start the container's command at all (it does not exist in the image, say).
struct CrashLoopAnalyzer: Analyzer {
    let id = "crash_loop"
    let problems = ["CrashLoopBackOff", "RunContainerError"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, spec -> Finding? in
                guard let container = status["name"].string,
                    PodFacts.oomKill(status: status, spec: spec, pod: pod, in: snapshot) == nil
                else { return nil }
                let restarts = status["restartCount"].int ?? 0
                let waiting = status["state"]["waiting"]
                if waiting["reason"].string == "RunContainerError" {
                    return Self.cannotRun(pod: pod, container: container, status: status, snapshot: snapshot, context: context)
                }
                let now = status["state"]["terminated"]
                // Exited again after restarts, and the pod restarts it: the loop between two back-offs.
                let exitedAgain =
                    !now.isNull && (now["exitCode"].int ?? 0) != 0 && restarts > 0
                    && pod["spec"]["restartPolicy"].string != "Never"
                guard waiting["reason"].string == "CrashLoopBackOff" || exitedAgain else { return nil }
                let last = exitedAgain ? now : status["lastState"]["terminated"]
                let code = last["exitCode"].string ?? "unknown"
                var evidence = [
                    exitedAgain
                        ? "container \(container) has just exited again, restarted \(restarts) times (the kubelet "
                            + "restarts it after a back-off: CrashLoopBackOff)"
                        : "container \(container) is waiting: CrashLoopBackOff, restarted \(restarts) times",
                    "last exit code \(code)" + (last["reason"].string.map { " (\($0))" } ?? ""),
                ]
                evidence += PodFacts.logEvidence(snapshot, pod: pod.name, container: container)
                let logged = snapshot.logs[ClusterSnapshot.logKey(pod: pod.name, container: container)] ?? []
                let cause =
                    Self.unreachable(in: logged).map {
                        "; its log says it cannot connect to \($0): is that database or service running and "
                            + "reachable from the cluster? (on minikube the host is host.minikube.internal, not localhost)"
                    }
                    ?? "; its last log lines usually say why (a database it cannot reach, a missing setting, a bad command)"
                return Finding(
                    problem: "CrashLoopBackOff", severity: .critical, resource: "pod/\(pod.name)",
                    namespace: snapshot.namespace, evidence: evidence,
                    explanation: "\(container) starts and exits with code \(code) again and again" + cause,
                    checks: PodFacts.checks(
                        pod: pod.name, namespace: snapshot.namespace, container: container, previous: true,
                        context: context),
                    subjects: PodFacts.subjects(of: pod, in: snapshot))
            }
        }
    }

    /// RunContainerError: the runtime could not start the container; its message says why ("exec: \"/bin/serve\": stat
    /// /bin/serve: no such file or directory"). No fix is safe: the command or the image must change.
    static func cannotRun(
        pod: JSONValue, container: String, status: JSONValue, snapshot: ClusterSnapshot, context: AnalysisContext
    ) -> Finding {
        let message = status["state"]["waiting"]["message"].string ?? ""
        var evidence = ["container \(container) is waiting: RunContainerError, restarted \(status["restartCount"].int ?? 0) times"]
        if !message.isEmpty { evidence.append("runtime: \(message)") }
        let last = status["lastState"]["terminated"]
        if let code = last["exitCode"].string {
            evidence.append("last exit code \(code)" + (last["reason"].string.map { " (\($0))" } ?? ""))
        }
        let missing = ["no such file or directory", "executable file not found", "not found in $PATH"]
            .contains { message.contains($0) } || last["exitCode"].int == 127
        let explanation =
            missing
            ? "the runtime cannot start \(container): its command does not exist in the image; check the command and "
                + "args of the container (and the image) in the workload's spec"
            : "the runtime cannot start \(container); its message says why"
        return Finding(
            problem: "RunContainerError", severity: .critical, resource: "pod/\(pod.name)",
            namespace: snapshot.namespace, evidence: evidence, explanation: explanation,
            checks: PodFacts.checks(pod: pod.name, namespace: snapshot.namespace, container: container, context: context),
            subjects: PodFacts.subjects(of: pod, in: snapshot))
    }

    /// The address a log line says could not be reached ("connect ECONNREFUSED 127.0.0.1:27017",
    /// "dial tcp db:5432: connect: connection refused", "getaddrinfo ENOTFOUND mongo"), or nil.
    static func unreachable(in lines: [String]) -> String? {
        let markers = [
            "ECONNREFUSED", "connection refused", "ENOTFOUND", "no such host", "Connection refused",
            "could not connect", "Could not connect", "timed out connecting", "EHOSTUNREACH",
        ]
        for line in lines.reversed() where markers.contains(where: line.contains) {
            let words: [String] = line.split(whereSeparator: { " ,'\"".contains($0) }).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: ":."))
            }
            let addresses = words.filter { $0.contains(":") && $0.last?.isNumber == true && !$0.hasPrefix("http") }
            if let address = addresses.last {
                return address.hasPrefix("tcp") ? String(address.dropFirst(3)) : address
            }
            if let index = words.firstIndex(where: { $0 == "ENOTFOUND" || $0 == "host" }), index + 1 < words.count {
                return String(words[index + 1])
            }
            return "a database or service"
        }
        return nil
    }
}
