/// What the rules made of a request.
public enum ParseOutcome: Sendable, Equatable {
    /// One intent, or several for a request that asks for several things in order.
    case understood([UserIntent])
    /// No rule matched, or rules disagreed: never guess. Carries the closest supported phrasings.
    case notUnderstood(reason: String, suggestions: [String])
}

extension ParseOutcome {
    /// The same outcome with what it reads of a workload placed on the user's own machine when the request says so
    /// (``RuleCatalog/saysLocal(_:)``): a workload's logs are a compose service's, and why it fails is asked of a
    /// local container. An intent that names a namespace or a kind keeps the cluster.
    func onThisMachine(_ local: Bool) -> ParseOutcome {
        guard local, case .understood(let intents) = self else { return self }
        return .understood(
            intents.map { intent in
                guard intent["namespace"] == nil, intent["kind"] == nil, let name = intent.text("name"),
                    !RuleCatalog.isPronoun(name)
                else { return intent }
                var local: UserIntent
                switch intent.action {
                case "logs" where intent["since"] == nil && intent["previous"] == nil && intent["container"] == nil:
                    local = UserIntent(action: "compose_logs", slots: ["services": .list([name])])
                    if let tail = intent["tail"] { local["lines"] = tail }
                case "troubleshoot":
                    local = UserIntent(action: "troubleshoot_container", slots: ["container": .text(name)])
                default:
                    return intent
                }
                local.source = intent.source
                return local
            })
    }
}
