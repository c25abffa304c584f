import Foundation

/// CrashLoopBackOff: a container keeps exiting and the kubelet waits longer before each restart.
struct CrashLoopAnalyzer: Analyzer {
    let id = "crash_loop"
    let problems = ["CrashLoopBackOff"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, _ -> Finding? in
                guard status["state"]["waiting"]["reason"].string == "CrashLoopBackOff",
                    status["lastState"]["terminated"]["reason"].string != "OOMKilled",
                    let container = status["name"].string
                else { return nil }
                let last = status["lastState"]["terminated"]
                let code = last["exitCode"].string ?? "unknown"
                var evidence = [
                    "container \(container) is waiting: CrashLoopBackOff, restarted \(status["restartCount"].int ?? 0) times",
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
