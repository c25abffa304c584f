import Intent

/// Plans `set_env`: `kubectl set env` with KEY=VALUE (set) or KEY- (unset), then `rollout status`.
///
/// Values whose keys look secret (``SecretPolicy``) are refused: they belong in a Secret, not in a command line.
struct SetEnvPlanner: ActionPlanner {
    let actions = ["set_env"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        var changes: [String] = []
        var said: [String] = []
        if let pairs = intent["env"]?.list {
            for pair in pairs {
                let key = String(pair.prefix { $0 != "=" })
                try Self.check(key)
                if SecretPolicy.isSecretKey(key) {
                    throw .invalidValue(
                        slot: "env", value: key,
                        reason: "looks like a secret; keep it out of command lines: create a secret with it and "
                            + "reference it from the deployment (kubectl set env --from=secret/NAME)")
                }
                changes.append(pair)
                said.append("set \(pair)")
            }
        } else if let unset = intent.text("unset") {
            let key = unset.hasSuffix("-") ? String(unset.dropLast()) : unset
            try Self.check(key)
            changes.append(key + "-")
            said.append("remove \(key)")
        }
        guard !changes.isEmpty else {
            throw .invalidValue(
                slot: "env", value: "", reason: "say KEY=VALUE, for example: set LOG_LEVEL=debug on backend")
        }
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: "given environment variables",
            example: "set LOG_LEVEL=debug on backend")
        let target = resolved.object
        let steps = [
            context.changeStep(
                ["set", "env", target.reference] + changes + context.namespaceArguments(for: target),
                summary: "\(said.joined(separator: ", ")) in every container of \(target.displayName)"
            ).undone(by: context.templateReversal(of: target, what: "its environment")),
            context.rolloutStatusStep(target),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: resolved.note.map { [$0] } ?? [],
            outcome: "\(target.displayName): \(said.joined(separator: ", ")); the new pods are ready",
            subjects: [target])
    }

    /// An environment variable name: letters, digits, `_`, `-`, `.`, not starting with a digit.
    static func check(_ key: String) throws(PlannerError) {
        guard let first = key.first, !first.isNumber,
            key.allSatisfy({ ($0.isLetter || $0.isNumber || "_-.".contains($0)) && $0.isASCII }), key.count <= 128
        else {
            throw .invalidValue(
                slot: "env", value: key, reason: "not an environment variable name (letters, digits and _)")
        }
    }
}
