import Intent

/// Plans `taint` and `untaint` of a node: `kubectl taint node NAME KEY[=VALUE]:EFFECT` (`KEY:EFFECT-` to remove),
/// validated with `--dry-run=server`, then a read-back of each taint the node must have, or no longer have.
///
/// The node's taints are read while planning (``ClusterFieldReader``): a taint whose key and effect the node has
/// already is refused (kubectl would refuse it too, or replace its value with `--overwrite`); only taints the node
/// has are removed, with the values read, so that undo puts back exactly those. A key said without an effect that
/// the node has with several effects is removed with each of them, one `KEY:EFFECT-` argument each, and the plan
/// says so: the request named the key, and every taint removed is shown before anything runs.
///
/// Without a reader that can read the taints (planning `--offline`, or the corpus's fixture cluster) the plan is
/// made from the request alone and says what was not checked; removing a taint then cannot be undone.
struct TaintPlanner: ActionPlanner {
    let actions = ["taint", "untaint"]

    /// The effects Kubernetes knows, as it spells them.
    static let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
    /// The rules' flag slots that say an effect in words ("a PreferNoSchedule taint", "no-execute").
    static let effectSlots = [
        (slot: "no_schedule", effect: "NoSchedule"), (slot: "prefer_no_schedule", effect: "PreferNoSchedule"),
        (slot: "no_execute", effect: "NoExecute"),
    ]

    /// The effect of a taint said without one: new pods that do not tolerate it are not scheduled on the node.
    static let defaultEffect = "NoSchedule"

    /// One taint: `KEY[=VALUE]:EFFECT`.
    struct Taint: Sendable, Hashable {
        var key: String
        /// "" when the taint has none.
        var value: String
        /// nil when the request did not say it.
        var effect: String?

        /// kubectl's form: `dedicated=gpu:NoSchedule`, `gpu:NoExecute`, `dedicated` (no effect said).
        var argument: String { key + (value.isEmpty ? "" : "=\(value)") + (effect.map { ":\($0)" } ?? "") }
        /// What tells a node's taints apart: `dedicated:NoSchedule` (a node has one taint per key and effect).
        var identity: String { key + (effect.map { ":\($0)" } ?? "") }
        /// kubectl's argument that removes it: `dedicated:NoSchedule-`, or `dedicated-` for every effect of the key.
        var removal: String { identity + "-" }
    }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let said = try Self.requested(intent)
        // kubectl's own removal form, typed as a taint: `kubectl taint node worker-2 dedicated:NoSchedule-`.
        let removing = intent.action == "untaint" || said.contains { $0.removing }
        if removing, !said.allSatisfy { $0.removing }, intent.action == "taint" {
            throw .invalidValue(
                slot: "taint", value: said.map { $0.taint.argument }.joined(separator: " "),
                reason:
                    "the request adds and removes taints at once; say one: taint worker-2 dedicated=gpu:NoSchedule, "
                    + "or untaint worker-2 dedicated")
        }
        var planned = intent
        planned.action = removing ? "untaint" : "taint"
        let resolved = try await context.resolveWorkload(
            intent, kinds: ["node"], verb: removing ? "untainted" : "tainted",
            example: removing ? "untaint worker-2 dedicated" : "taint worker-2 dedicated=gpu:NoSchedule")
        try PlanningContext.requireLiteral(resolved, for: intent.text("name") ?? "", verb: planned.action)
        let node = resolved.object
        let current = try await Self.taints(of: node, context: context)
        let notes = resolved.note.map { [$0] } ?? []
        var taints = said.map { $0.taint }
        // "a PreferNoSchedule taint team=data": the effect said in words is that of each taint said without one.
        let effects = Self.effectSlots.filter { intent.text($0.slot) == "true" }.map(\.effect)
        if effects.count > 1 {
            throw .invalidValue(
                slot: "effect", value: effects.joined(separator: ", "),
                reason: "a taint has one effect; say one of \(Self.effects.joined(separator: ", "))")
        }
        if let effect = effects.first {
            for index in taints.indices where taints[index].effect == nil { taints[index].effect = effect }
        }
        return removing
            ? try Self.untaintPlan(
                taints, node: node, current: current, intent: planned, request: request, notes: notes, context: context)
            : try Self.taintPlan(
                taints, node: node, current: current, intent: planned, request: request, notes: notes, context: context)
    }

    // MARK: - Adding

    static func taintPlan(
        _ said: [Taint], node: ClusterObject, current: [Taint]?, intent: UserIntent, request: String, notes: [String],
        context: PlanningContext
    ) throws(PlannerError) -> ExecutionPlan {
        var notes = notes
        var taints = said
        for index in taints.indices where taints[index].effect == nil {
            taints[index].effect = defaultEffect
            notes.append(
                "no effect said: \(taints[index].argument) keeps new pods that do not tolerate it off \(node.name); "
                    + "pods already there stay (say NoExecute to evict them, PreferNoSchedule to only avoid the node)")
        }
        var seen: Set<String> = []
        for taint in taints where !seen.insert(taint.identity).inserted {
            throw .invalidValue(
                slot: "taint", value: taint.identity, reason: "said twice; a node has one taint per key and effect")
        }
        if let current {
            for taint in taints {
                guard let existing = current.first(where: { $0.identity == taint.identity }) else { continue }
                let reason =
                    existing.value == taint.value
                    ? "node \(node.name) already has this taint; nothing to do"
                    : "node \(node.name) already has a taint \(taint.identity), with "
                        + (existing.value.isEmpty ? "no value" : "the value '\(existing.value)'")
                        + "; to change it, remove it first: untaint \(node.name) \(taint.identity)"
                throw .invalidValue(slot: "taint", value: taint.argument, reason: reason)
            }
        } else {
            notes.append(
                "the taints of node \(node.name) were not read while planning; kubectl refuses a taint whose key and "
                    + "effect the node has already")
        }
        for taint in taints where taint.effect == "NoExecute" {
            notes.append(
                "NoExecute also evicts the pods already on \(node.name) that do not tolerate \(taint.identity)")
        }
        let arguments = taints.map(\.argument)
        let listed = arguments.joined(separator: " ")
        let plural = taints.count > 1 ? "s" : ""
        let pinned = context.pinned
        let undoSummary =
            "remove the taint\(plural) \(taints.map(\.identity).joined(separator: " ")) from node \(node.name)"
        let change = context.changeStep(
            ["taint", "node", node.name] + arguments, summary: "taint node \(node.name) with \(listed)"
        ).undone(
            by: undoSummary,
            [pinned.changeStep(["taint", "node", node.name] + taints.map(\.removal), summary: undoSummary)]
                + taints.map { taint in
                    checkStep(
                        node, key: taint.key, effect: taint.effect, expected: "", context: pinned,
                        summary: "check that node \(node.name) no longer has the taint \(taint.identity)")
                })
        let checks = taints.map { taint in
            checkStep(
                node, key: taint.key, effect: taint.effect, expected: taint.argument, context: context,
                summary: "check that node \(node.name) has the taint \(taint.argument)")
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: [change] + checks, notes: notes,
            outcome: "node \(node.name) has the taint\(plural) \(listed)", subjects: [node])
    }

    // MARK: - Removing

    static func untaintPlan(
        _ said: [Taint], node: ClusterObject, current: [Taint]?, intent: UserIntent, request: String, notes: [String],
        context: PlanningContext
    ) throws(PlannerError) -> ExecutionPlan {
        var notes = notes
        var removals: [Taint] = []
        if let current {
            for wanted in said {
                let matching = try matches(of: wanted, on: node, among: current)
                if wanted.effect == nil, matching.count > 1 {
                    notes.append(
                        "node \(node.name) has \(matching.count) taints with the key \(wanted.key) ("
                            + matching.compactMap(\.effect).joined(separator: ", ") + "); each of them is removed")
                }
                removals += matching.filter { !removals.contains($0) }
            }
        } else {
            removals = said
            notes.append(
                "the taints of node \(node.name) were not read while planning: kubectl removes "
                    + said.map { $0.effect == nil ? "every taint with the key \($0.key)" : $0.identity }.joined(
                        separator: " and ")
                    + " if the node has it, and undo cannot put back what was removed")
        }
        let plural = removals.count > 1 ? "s" : ""
        let described = removals.map { current == nil ? $0.identity : $0.argument }.joined(separator: " ")
        let pinned = context.pinned
        let reversal: Reversal
        if current != nil {
            let summary = "taint node \(node.name) with \(described) again"
            reversal = .steps(
                summary: summary,
                [pinned.changeStep(["taint", "node", node.name] + removals.map(\.argument), summary: summary)]
                    + removals.map { taint in
                        checkStep(
                            node, key: taint.key, effect: taint.effect, expected: taint.argument, context: pinned,
                            summary: "check that node \(node.name) has the taint \(taint.argument) again")
                    })
        } else {
            reversal = .impossible(
                "the taints of node \(node.name) were not read while planning, so their values are unknown")
        }
        let change = context.changeStep(
            ["taint", "node", node.name] + removals.map(\.removal),
            summary: "remove the taint\(plural) \(described) from node \(node.name)"
        ).undone(by: reversal)
        let checks = removals.map { taint in
            checkStep(
                node, key: taint.key, effect: taint.effect, expected: "", context: context,
                summary: "check that node \(node.name) no longer has the taint \(taint.identity)")
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: [change] + checks, notes: notes,
            outcome: "removed the taint\(plural) \(described) from node \(node.name)", subjects: [node])
    }

    /// The node's taints a removal means: the key (exact, else in any casing when that is one key) with the effect
    /// said, or with every effect; the value, when said, must be the node's.
    static func matches(of wanted: Taint, on node: ClusterObject, among current: [Taint]) throws(PlannerError)
        -> [Taint]
    {
        var keyed = current.filter { $0.key == wanted.key }
        if keyed.isEmpty {
            // A request read by meaning has its words lower-cased ("remove the Dedicated taint").
            keyed = current.filter { $0.key.lowercased() == wanted.key.lowercased() }
            if Set(keyed.map(\.key)).count > 1 { keyed = [] }
        }
        let matching = keyed.filter { wanted.effect == nil || $0.effect == wanted.effect }
        guard !matching.isEmpty else {
            let has =
                current.isEmpty ? "it has no taints" : "its taints: \(current.map(\.argument).joined(separator: ", "))"
            throw .invalidValue(
                slot: "taint", value: wanted.argument, reason: "node \(node.name) has no such taint; \(has)")
        }
        if !wanted.value.isEmpty,
            let other = matching.first(where: { $0.value.lowercased() != wanted.value.lowercased() })
        {
            throw .invalidValue(
                slot: "taint", value: wanted.argument,
                reason: "node \(node.name)'s taint \(other.identity) has "
                    + (other.value.isEmpty ? "no value" : "the value '\(other.value)'")
                    + "; say the key and effect alone: untaint \(node.name) \(other.identity)")
        }
        return matching
    }

    // MARK: - Reading

    /// Every taint of a node, one a line: key, value and effect apart by tabs (none of them can hold one).
    static let taintsJSONPath = #"{range .spec.taints[*]}{.key}{"\t"}{.value}{"\t"}{.effect}{"\n"}{end}"#

    /// The node's taints, read from the cluster; nil when the cluster reader cannot read them (see the type's note).
    static func taints(of node: ClusterObject, context: PlanningContext) async throws(PlannerError) -> [Taint]? {
        guard let reader = context.cluster as? any ClusterFieldReader else { return nil }
        let text = try await reader.field(taintsJSONPath, of: node)
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts[0].isEmpty else { return nil }
            return Taint(key: parts[0], value: parts[1], effect: parts[2])
        }
    }

    /// A read-back of the node's taints with this key (and effect, when given): `KEY[=VALUE]:EFFECT` of each, which
    /// must be `expected` ("" for none). A go-template, because kubectl's jsonpath filters test one field only.
    static func checkStep(
        _ node: ClusterObject, key: String, effect: String?, expected: String, context: PlanningContext,
        summary: String
    ) -> PlanStep {
        let condition = effect.map { "and (eq .key \"\(key)\") (eq .effect \"\($0)\")" } ?? "eq .key \"\(key)\""
        let template =
            "{{range .spec.taints}}{{if \(condition)}}{{.key}}{{with .value}}={{.}}{{end}}:{{.effect}} {{end}}{{end}}"
        return PlanStep(
            argv: context.kubectl(["get", node.reference, "--output=go-template=\(template)"]), mutating: false,
            summary: summary, expectation: .outputEquals(expected), timeoutSeconds: 30)
    }

    // MARK: - Reading the request

    /// The taints the request says (`taint`, one as typed, or `taints`, pairs read by meaning), each checked, with
    /// the `effect` said apart applied to those that say none; and whether each ends in kubectl's removing '-'.
    static func requested(_ intent: UserIntent) throws(PlannerError) -> [(taint: Taint, removing: Bool)] {
        var words = intent["taints"]?.list ?? []
        if let one = intent["taint"]?.text { words.append(one) }
        guard !words.isEmpty else {
            throw .invalidValue(
                slot: "taint", value: "",
                reason: "say which taint, as KEY[=VALUE][:EFFECT], for example: taint worker-2 dedicated=gpu:NoSchedule"
            )
        }
        var apart: String?
        if let word = intent["effect"]?.text {
            // kubectl takes several taints at once: a second one is no effect ("dedicated:NoSchedule- gpu:NoExecute").
            if word.contains("=") || word.contains(":") || word.hasSuffix("-") {
                words.append(word)
            } else {
                apart = try effect(word, in: word)
            }
        }
        var taints: [(taint: Taint, removing: Bool)] = []
        for word in words {
            var (taint, removing) = try parse(word)
            if let apart {
                if let own = taint.effect, own != apart {
                    throw .invalidValue(
                        slot: "effect", value: apart, reason: "the taint \(taint.argument) says \(own); say one effect")
                }
                taint.effect = apart
            }
            taints.append((taint, removing))
        }
        return taints
    }

    /// kubectl's `KEY[=VALUE][:EFFECT][-]`: the key by Kubernetes' label-key rules, the value by its label-value
    /// rules, the effect one of ``effects`` in any casing.
    static func parse(_ text: String) throws(PlannerError) -> (taint: Taint, removing: Bool) {
        var rest = Substring(text)
        // A key ends with a letter or digit, so a final '-' is always kubectl's "remove".
        let removing = rest.count > 1 && rest.hasSuffix("-")
        if removing { rest = rest.dropLast() }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw .invalidValue(slot: "taint", value: text, reason: "a taint is KEY[=VALUE][:EFFECT], with one ':'")
        }
        let effect = parts.count == 2 ? try Self.effect(String(parts[1]), in: text) : nil
        let pair = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let key = pair[0]
        let value = pair.count > 1 ? pair[1] : ""
        try LabelPlanner.checkKey(key, noun: "taint")
        try LabelPlanner.checkValue(value, what: "a taint's value", slot: "taint", shown: text)
        return (Taint(key: key, value: value, effect: effect), removing)
    }

    /// The effect as Kubernetes spells it ("noschedule", "no-execute" → NoSchedule, NoExecute).
    static func effect(_ word: String, in text: String) throws(PlannerError) -> String {
        let folded = word.lowercased().filter { $0 != "-" && $0 != "_" }
        guard let effect = effects.first(where: { $0.lowercased() == folded }) else {
            throw .invalidValue(
                slot: "taint", value: text,
                reason: "a taint's effect is NoSchedule, PreferNoSchedule or NoExecute, not '\(word)'")
        }
        return effect
    }
}
