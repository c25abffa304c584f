import Intent

/// Plans `port_forward`: `kubectl port-forward service/NAME LOCAL:REMOTE`, attached to the terminal until
/// Ctrl-C. A name is looked for among services first, then workloads, then pods. With one port, the
/// remote side is the service's port (the one it has, or the one of that number).
struct PortForwardPlanner: ActionPlanner {
    let actions = ["port_forward"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name") else {
            throw .invalidValue(
                slot: "name", value: "", reason: "say what to forward to, for example: port-forward backend 8080:8000")
        }
        // A frame reads "local port 8000" as a number.
        guard let ports = intent.text("ports") ?? intent.number("ports").map(String.init) else {
            throw .invalidValue(
                slot: "ports", value: "", reason: "say which port, for example: port-forward \(name) 8080:8000")
        }
        let resolved = try await context.resolveFirst(
            name, kindGroups: [["service"], ["deployment", "statefulset"], ["pod"]], for: intent)
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        let pair = try Self.portPair(
            ports, remote: intent.number("remote"), target: target, offline: context.isOffline, notes: &notes)
        let ns = context.namespaceArguments(for: target)
        let place = target.namespace.isEmpty ? "" : " in \(target.namespace)"
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [
                PlanStep(
                    argv: context.kubectl(["port-forward", target.reference, pair] + ns), mutating: false,
                    summary:
                        "forward localhost:\(pair.split(separator: ":")[0]) to \(target.reference)\(place) port \(pair.split(separator: ":").last ?? "") until Ctrl-C",
                    attached: true)
            ],
            notes: notes, outcome: "stopped forwarding to \(target.reference)\(place)", subjects: [target])
    }

    /// `LOCAL:REMOTE`. A single port is the local one; the remote one is the service's.
    static func portPair(
        _ ports: String, remote: Int?, target: ClusterObject, offline: Bool, notes: inout [String]
    )
        throws(PlannerError) -> String
    {
        if ports.contains(":") { return ports }
        if let remote { return "\(ports):\(remote)" }
        guard target.kind == "service", !offline else {
            notes.append("port \(ports) is used on both sides (localhost:\(ports) → \(target.reference):\(ports))")
            return "\(ports):\(ports)"
        }
        let number = Int(ports) ?? 0
        if target.ports.contains(where: { $0.port == number }) || target.ports.isEmpty {
            return "\(ports):\(ports)"
        }
        guard target.ports.count == 1, let only = target.ports.first else {
            let list = target.ports.map { $0.name.isEmpty ? "\($0.port)" : "\($0.port) (\($0.name))" }
            throw .invalidValue(
                slot: "ports", value: ports,
                reason: "\(target.reference) has ports \(list.joined(separator: ", ")); say which, for example: "
                    + "port-forward \(target.name) \(ports):\(target.ports[0].port)")
        }
        notes.append("localhost:\(ports) → \(target.reference) port \(only.port)")
        return "\(ports):\(only.port)"
    }
}
