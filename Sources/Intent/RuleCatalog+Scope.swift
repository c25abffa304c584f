/// How much of the cluster a request speaks of, when it says so outside a namespace clause.
public enum ClusterScope: String, Sendable {
    /// Every namespace, said outright: "in all namespaces", "everywhere", "cluster-wide", `-A`.
    /// Reads list every namespace (`--all-namespaces`); a change is refused.
    case everyNamespace
    /// "in the cluster", "on the cluster": for a read every namespace, for a change just where it happens.
    case cluster
}

extension RuleCatalog {
    /// kubectl's own every-namespace options, read like `-n` (case matters: `docker ps -a` is not one).
    static let everyNamespaceOptions: Set<String> = ["-A", "--all-namespaces", "--all-namespaces=true"]

    /// Takes the whole-cluster phrases out of the words (lexicon `every_namespace`, kubectl's `-A`), and says
    /// which was there: the outright one wins. Words after `--` are a container's command and stay.
    func extractClusterScope(_ tokens: inout [RequestToken]) -> ClusterScope? {
        var found: ClusterScope?
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if !token.quoted && token.norm == "--" { break }
            // "-n -A" is a namespace clause with a bad value, refused by the namespace check: not ours.
            if !token.quoted, Self.everyNamespaceOptions.contains(token.text),
                !(index > 0 && ["-n", "--namespace"].contains(tokens[index - 1].norm))
            {
                found = .everyNamespace
                tokens.remove(at: index)
                continue
            }
            // Only a phrase that starts with this word can be here (``Lexicon/everyNamespaceByFirstWord``).
            // "from anywhere", "from everywhere" say where traffic comes from, not where to look ("allow traffic from
            // anywhere to the api"): they stay for the frames that read them.
            if !token.quoted, index > 0, !tokens[index - 1].quoted, tokens[index - 1].norm == "from",
                ["anywhere", "everywhere"].contains(token.norm)
            {
                index += 1
                continue
            }
            // "anywhere from 2 to 6", "anywhere between 1 and 5": a range of counts, not a place.
            if !token.quoted, token.norm == "anywhere", index + 2 < tokens.count, !tokens[index + 1].quoted,
                ["from", "between"].contains(tokens[index + 1].norm), lexicon.number(from: tokens[index + 2].norm) != nil
            {
                tokens.remove(at: index)
                continue
            }
            if !token.quoted, let phrases = lexicon.everyNamespaceByFirstWord[token.norm],
                let phrase = phrases.first(where: { phrase in
                    index + phrase.count <= tokens.count
                        && zip(tokens[index...], phrase).allSatisfy { !$0.quoted && $0.norm == $1 }
                })
            {
                let scope: ClusterScope = Self.meansTheClusterOnly(phrase) ? .cluster : .everyNamespace
                if found != .everyNamespace { found = scope }
                tokens.removeSubrange(index..<(index + phrase.count))
                continue
            }
            index += 1
        }
        return found
    }

    /// "in cluster", "on cluster": the place every change happens anyway, so only a read widens to every
    /// namespace. Any other phrase ("across cluster", "whole cluster", "all namespaces") says every namespace.
    static func meansTheClusterOnly(_ phrase: [String]) -> Bool {
        phrase.count == 2 && ["in", "on", "inside", "within"].contains(phrase[0]) && phrase[1] == "cluster"
    }

    /// The namespace slot of an intent said with a whole-cluster scope or a quantifier ("in every namespace",
    /// "in all"): `all_namespaces` or `in_cluster` instead, and no namespace (a named namespace stays, so
    /// the planner can refuse the two together).
    func applyClusterScope(_ scope: ClusterScope?, to slots: inout [String: SlotValue]) {
        var scope = scope
        if let said = slots["namespace"]?.text, Quantifier.isQuantifier(said) {
            slots["namespace"] = nil
            scope = .everyNamespace
        }
        switch scope {
        case .everyNamespace: slots[UserIntent.everyNamespaceSlot] = "true"
        case .cluster: if slots["namespace"] == nil { slots[UserIntent.clusterScopeSlot] = "true" }
        case nil: break
        }
    }
}
