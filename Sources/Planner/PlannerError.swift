import Foundation

/// Why a plan could not be made. Nothing has run when one of these is thrown.
public enum PlannerError: Error, Sendable, Equatable, LocalizedError {
    /// No object of that name; `nearby` lists the closest names that exist.
    case notFound(kind: String, name: String, namespace: String?, nearby: [String])
    /// Several objects fit the name: the user must pick one.
    case ambiguous(name: String, candidates: [ClusterObject])
    /// The request needs the cluster's current state, and kagent was told not to contact it.
    case needsCluster(String)
    /// `-n` and the request name different namespaces.
    case namespaceConflict(flag: String, request: String)
    /// A rule produced an action the planner does not know (a bug in the rules).
    case unsupportedAction(String)
    /// A value in the request is out of range ("scale down by 150%").
    case invalidValue(slot: String, value: String, reason: String)
    /// Reading the cluster failed: unreachable, forbidden, kubectl missing. `command` is the command that failed.
    case cluster(reason: String, command: String?)
    /// `kagent undo` has nothing it can put back, and why.
    case cannotUndo(String)
    /// A quantifier said where a name belongs ("scale all deployments"): `kind` when said, `changing` when
    /// the action would change the cluster.
    case noSingleObject(quantifier: String, kind: String?, changing: Bool)
    /// A changing action asked of every namespace ("restart backend in all namespaces").
    case everyNamespaceChange(action: String)
    /// Several words of the request, apart, each name an object (``UserIntent/nameCandidates``): which is meant?
    case severalNames([String])

    public var errorDescription: String? {
        switch self {
        case .notFound(let kind, let name, let namespace, let nearby):
            // Namespaces and nodes live in no namespace.
            let place = namespace.map { " in namespace '\($0)'" } ?? (["namespace", "node"].contains(kind) ? "" : " in any namespace")
            let hint = nearby.isEmpty ? "" : "; names that exist: \(nearby.joined(separator: ", "))"
            return "no \(kind) named '\(name)'\(place)\(hint)"
        case .ambiguous(let name, let candidates):
            let list = candidates.map { "\($0.reference) in \($0.namespace)" }.joined(separator: ", ")
            return "'\(name)' matches \(candidates.count) objects: \(list); say which one"
        case .needsCluster(let reason):
            return reason
        case .namespaceConflict(let flag, let request):
            return "-n says namespace '\(flag)' but the request says '\(request)'; give one"
        case .unsupportedAction(let action):
            return "internal error: no planner for action '\(action)'; please report this as a bug"
        case .invalidValue(let slot, let value, let reason):
            return "\(slot) '\(value)': \(reason)"
        case .cluster(let reason, let command):
            return command.map { "\(reason)\n  command: \($0)" } ?? reason
        case .cannotUndo(let reason):
            return reason
        case .noSingleObject(let quantifier, let kind, let changing):
            let resource = kind.flatMap(ResourceKind.named)
            // "all deployments", "every deployment".
            let singular = ["every", "each", "any"].contains(quantifier)
            let said = resource.map { "\(quantifier) \(singular ? $0.name : $0.plural)" } ?? quantifier
            let which = resource.map { "say which \($0.name)" } ?? "say which one"
            guard changing else {
                return "'\(said)' names no single object: \(which), or list them: get \(resource?.plural ?? "all")"
            }
            let everything = ["everything", "anything", "*"].contains(quantifier) && resource == nil
            return "'\(said)' names no single object: \(which); "
                + (everything
                    ? "kagent will not change everything at once" : "kagent does not change every object at once")
        case .everyNamespaceChange(let action):
            return "kagent will not change every namespace at once (\(action.replacingOccurrences(of: "_", with: " ")) "
                + "in all namespaces): name one namespace, for example: in todo, or -n todo"
        case .severalNames(let names):
            return "the request names several objects (\(names.map { "'\($0)'" }.joined(separator: ", "))); "
                + "say which one, by its name"
        }
    }
}
