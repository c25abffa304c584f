import Intent

/// Plans `pause_rollout` and `resume_rollout` of a deployment: `kubectl rollout pause|resume deployment/NAME`, then
/// a read-back of `.spec.paused`, and after a resume `kubectl rollout status` (what was held back rolls out now).
///
/// Whether the deployment is paused is read while planning (``ClusterFieldReader``): pausing a paused deployment,
/// or resuming one that is not, is said plainly and nothing is planned (kubectl would fail on it). Only deployments
/// can be paused: kubectl's `rollout pause` supports no other kind.
struct RolloutPausePlanner: ActionPlanner {
    let actions = ["pause_rollout", "resume_rollout"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let pausing = intent.action == "pause_rollout"
        let verb = pausing ? "pause" : "resume"
        let example = pausing ? "pause the rollout of backend" : "resume the rollout of backend"
        if let kind = intent.text("kind"), kind != "deployment" {
            throw .invalidValue(
                slot: "kind", value: kind,
                reason: "only deployments can be \(verb)d (kubectl rollout \(verb) supports no other kind)")
        }
        let resolved = try await context.resolveDeployment(
            intent, verb: "\(verb)d", example: example,
            onlyDeployments: "only deployments can be \(verb)d (kubectl rollout \(verb) supports no other kind)")
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        if let reader = context.cluster as? any ClusterFieldReader {
            let paused = try await reader.field("{.spec.paused}", of: target).filter { !$0.isWhitespace } == "true"
            if paused == pausing {
                throw .invalidValue(
                    slot: "name", value: target.name,
                    reason: pausing
                        ? "\(target.displayName) is paused already; nothing to do (to roll out what waits: resume "
                            + "rollout of \(target.name))"
                        : "\(target.displayName) is not paused; nothing to do")
            }
        } else {
            notes.append(
                "whether \(target.reference) is paused was not read while planning; kubectl refuses to \(verb) it "
                    + "if it is \(pausing ? "paused" : "not paused") already")
        }
        if pausing {
            notes.append(
                "while \(target.reference) is paused, changes to its pod template (image, environment, resources) are "
                    + "kept but not rolled out, and a restart is refused; resume it to roll them out")
        }
        let pinned = context.pinned
        let change = Self.changeStep(target, pausing: pausing, context: context)
            .undone(
                by: pausing
                    ? "resume the rollout of \(target.displayName)" : "pause the rollout of \(target.displayName)",
                [
                    Self.changeStep(target, pausing: !pausing, context: pinned),
                    Self.check(target, paused: !pausing, context: pinned),
                ]
                    + (pausing ? [pinned.rolloutStatusStep(target)] : []))
        var steps = [change, Self.check(target, paused: pausing, context: context)]
        if !pausing { steps.append(context.rolloutStatusStep(target)) }
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: pausing
                ? "paused the rollout of \(target.displayName): template changes wait until it is resumed"
                : "resumed the rollout of \(target.displayName), and its pods are ready",
            subjects: [target])
    }

    /// `kubectl rollout pause|resume`, validated by the API server.
    ///
    /// `kubectl rollout pause` and `resume` take no `--dry-run` (kubectl 1.32 lists none; see
    /// https://kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_pause/). What they send
    /// is one PATCH of the deployment setting `spec.paused` (kubectl's ObjectPauser/ObjectResumer, a strategic merge
    /// patch: `{"spec":{"paused":true}}`, and `{"spec":{"paused":null}}` to resume, as `paused: false` is omitted).
    /// So the server is asked the same request, with the same body and the same `patch` permission, through
    /// `kubectl patch … --dry-run=server`: the deployment exists, kagent may patch it, admission accepts it.
    static func changeStep(_ target: ClusterObject, pausing: Bool, context: PlanningContext) -> PlanStep {
        let verb = pausing ? "pause" : "resume"
        let scope = context.namespaceArguments(for: target)
        let patch = pausing ? #"{"spec":{"paused":true}}"# : #"{"spec":{"paused":null}}"#
        return PlanStep(
            argv: context.kubectl(["rollout", verb, target.reference] + scope), mutating: true,
            summary: pausing
                ? "pause the rollout of \(target.displayName)"
                : "resume the rollout of \(target.displayName)",
            validationArgv: context.kubectl(
                ["patch", target.reference] + scope + ["--type=strategic", "--patch=\(patch)", "--dry-run=server"]))
    }

    /// The read-back of `.spec.paused`: `true` when paused; empty once resumed (kubectl removes the field).
    static func check(_ target: ClusterObject, paused: Bool, context: PlanningContext) -> PlanStep {
        context.readBackStep(
            target, jsonPath: "{.spec.paused}", expected: paused ? "true" : "",
            summary: "check that \(target.reference) is \(paused ? "paused" : "no longer paused")")
    }
}
