/// Forbidden: a running container's log says the API server refused its service account something ("pods is
/// forbidden: User "system:serviceaccount:shop:reporter" cannot list resource "pods" in API group "" in the
/// namespace "shop""), quoted with what the Roles bound to that account in the namespace grant.
///
/// When exactly one Role of the namespace is bound to the account, the fix adds to it the one rule the log says was
/// missing (that verb on that resource, in that API group): exact, shown, validated, undone by removing the rule
/// again, and checked with `kubectl auth can-i` as the account. A refusal at the cluster scope or in another
/// namespace, or an account bound to no Role or to several, gets the checks only: kagent does not choose where
/// access goes.
struct ForbiddenAnalyzer: Analyzer {
    let id = "forbidden"
    let problems = ["Forbidden"]

    /// What one refusal says.
    struct Denial: Hashable {
        var namespace: String
        var account: String
        var verb: String
        var resource: String
        var group: String
        /// The namespace the request was for; nil at the cluster scope.
        var scope: String?

        /// `pods` or `deployments.apps`, as kubectl says a resource.
        var shown: String { group.isEmpty ? resource : "\(resource).\(group)" }
    }

    /// The refusal a log line reports, when it reports one of a service account.
    static func denial(in line: String) -> Denial? {
        guard let user = value(after: "User \"system:serviceaccount:", in: line) else { return nil }
        let parts = user.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rest = line.range(of: "\" cannot ").map({ line[$0.upperBound...] }) else {
            return nil
        }
        let verb = String(rest.prefix { $0 != " " })
        guard !verb.isEmpty, verb.allSatisfy(\.isLetter), let resource = value(after: "resource \"", in: line),
            let group = value(after: "in API group \"", in: line, allowEmpty: true)
        else { return nil }
        return Denial(
            namespace: parts[0], account: parts[1], verb: verb, resource: resource, group: group,
            scope: value(after: "in the namespace \"", in: line))
    }

    /// The quoted text after `marker` in `line`.
    private static func value(after marker: String, in line: String, allowEmpty: Bool = false) -> String? {
        guard let start = line.range(of: marker)?.upperBound,
            let end = line[start...].firstIndex(of: "\"")
        else { return nil }
        let text = String(line[start..<end])
        return text.isEmpty && !allowEmpty ? nil : text
    }

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        let ns = snapshot.namespace
        var seen: Set<Denial> = []
        return snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, _ -> Finding? in
                guard let container = status["name"].string else { return nil }
                let logged = snapshot.logs[ClusterSnapshot.logKey(pod: pod.name, container: container)] ?? []
                // The last refusal logged, read once.
                guard let (line, denial) = logged.reversed().lazy.compactMap({ line in Self.denial(in: line).map { (line, $0) } }).first,
                    seen.insert(denial).inserted
                else { return nil }
                let who = "service account \(denial.account)"
                let place = denial.scope.map { "in namespace \($0)" } ?? "at the cluster scope"
                var evidence = ["log: \(line)"]
                let roles = Self.roles(boundTo: denial, in: snapshot)
                if roles.isEmpty {
                    evidence.append("no Role in \(ns) is bound to \(who)")
                }
                for role in roles {
                    let grants = role["rules"].array.map { rule in
                        let verbs = rule["verbs"].array.compactMap(\.string).joined(separator: ",")
                        let resources = rule["resources"].array.compactMap(\.string).joined(separator: ",")
                        return "\(verbs) on \(resources.isEmpty ? "(no resources)" : resources)"
                    }
                    evidence.append(
                        "role \(role.name) (bound to \(who)) grants: "
                            + (grants.isEmpty ? "nothing" : grants.joined(separator: "; ")))
                }
                var explanation =
                    "the API server refuses \(who) to \(denial.verb) \(denial.shown) \(place): no Role bound to it "
                    + "grants that"
                var fix: [PlanStep] = []
                if denial.namespace == ns, denial.scope == ns, roles.count == 1, let role = roles.first {
                    explanation += "; the fix adds that one rule to role \(role.name), the one Role bound to it"
                    fix = Self.grant(denial, role: role, namespace: ns, context: context)
                }
                let canI = PlanStep(
                    argv: context.kubectl(
                        [
                            "auth", "can-i", denial.verb, denial.shown,
                            "--as=system:serviceaccount:\(denial.namespace):\(denial.account)",
                        ] + (denial.scope.map { ["--namespace=\($0)"] } ?? [])),
                    mutating: false, summary: "ask whether \(who) may \(denial.verb) \(denial.shown) now")
                return Finding(
                    problem: "Forbidden", severity: .critical, resource: "pod/\(pod.name)", namespace: ns,
                    evidence: evidence, explanation: explanation, fix: fix,
                    checks: fix.isEmpty
                        ? [
                            canI,
                            PlanStep(
                                argv: context.kubectl(["get", "rolebindings,roles", "--namespace=\(ns)", "--output=wide"]),
                                mutating: false, summary: "show the namespace's roles and what is bound to them"),
                        ] : [],
                    subjects: PodFacts.subjects(of: pod, in: snapshot).union([denial.account]))
            }
        }
    }

    /// The Roles of the namespace that a RoleBinding there binds to the denied account.
    static func roles(boundTo denial: Denial, in snapshot: ClusterSnapshot) -> [JSONValue] {
        let names = snapshot.items("RoleBinding").filter { binding in
            binding["roleRef"]["kind"].string == "Role"
                && binding["subjects"].array.contains { subject in
                    subject["kind"].string == "ServiceAccount" && subject["name"].string == denial.account
                        && (subject["namespace"].string ?? snapshot.namespace) == denial.namespace
                }
        }.compactMap { $0["roleRef"]["name"].string }
        return snapshot.items("Role").filter { names.contains($0.name) }
    }

    /// The rule added to the role (a JSON patch that appends it), undone by removing it from where it went, then
    /// `kubectl auth can-i` as the account, which must say yes.
    static func grant(_ denial: Denial, role: JSONValue, namespace: String, context: AnalysisContext) -> [PlanStep] {
        let reference = "role/\(role.name)"
        let scope = "--namespace=\(namespace)"
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let rule =
            "{\"apiGroups\": [\(quoted(denial.group))], \"resources\": [\(quoted(denial.resource))], "
            + "\"verbs\": [\(quoted(denial.verb))]}"
        // A Role with no rules has no list to append to: the patch makes one.
        let existing = role["rules"].array.count
        let patch =
            existing == 0
            ? "[{\"op\": \"add\", \"path\": \"/rules\", \"value\": [\(rule)]}]"
            : "[{\"op\": \"add\", \"path\": \"/rules/-\", \"value\": \(rule)}]"
        let add = ["patch", reference, scope, "--type=json", "--patch=\(patch)"]
        let removal =
            existing == 0
            ? "[{\"op\": \"remove\", \"path\": \"/rules\"}]" : "[{\"op\": \"remove\", \"path\": \"/rules/\(existing)\"}]"
        let who = "system:serviceaccount:\(denial.namespace):\(denial.account)"
        return [
            PlanStep(
                argv: context.kubectl(add), mutating: true,
                summary: "let service account \(denial.account) \(denial.verb) \(denial.shown) through role \(role.name)",
                validationArgv: context.kubectl(add + ["--dry-run=server"])
            ).undone(
                by: context.reversal(
                    ["patch", reference, scope, "--type=json", "--patch=\(removal)"],
                    summary: "take that rule out of role \(role.name) again")),
            PlanStep(
                argv: context.kubectl(["auth", "can-i", denial.verb, denial.shown, "--as=\(who)", scope]),
                mutating: false, summary: "check that \(denial.account) may \(denial.verb) \(denial.shown) now",
                expectation: .outputEquals("yes"), timeoutSeconds: 30),
        ]
    }
}

extension ClusterSnapshot {
    /// Whether a log line says the API server refused a service account something: then the snapshot reads the
    /// namespace's Roles and RoleBindings too (``ForbiddenAnalyzer``).
    public static func reportsRefusal(_ line: String) -> Bool { ForbiddenAnalyzer.denial(in: line) != nil }
}
