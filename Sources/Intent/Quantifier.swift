/// Words that speak of every object, or of no particular one: "all", "every", "everything", "*".
///
/// They are never a name or a namespace. A namespace said with one ("in every namespace") means the whole
/// cluster (``UserIntent/wantsEveryNamespace``); a name said with one ("scale all deployments") names no
/// single object, and the planner refuses it with the reason.
public enum Quantifier {
    /// The words, lower-case.
    public static let words: Set<String> = [
        "all", "every", "each", "any", "everything", "anything", "everyone", "everybody", "anyone", "*",
    ]

    /// Whether a slot's value is one of the words (as typed, in any case).
    public static func isQuantifier(_ value: String) -> Bool { words.contains(value.lowercased()) }
}

extension UserIntent {
    /// The slot that asks for every namespace; its value is `"true"`.
    public static let everyNamespaceSlot = "all_namespaces"
    /// The slot saying "in the cluster" (value `true`): every namespace for a read, nothing more for a change.
    public static let clusterScopeSlot = "in_cluster"

    /// Whether the intent asks for the whole cluster: `all_namespaces`, or a quantifier said as the namespace
    /// (a model's `"namespace": "all"`).
    public var wantsEveryNamespace: Bool {
        text(Self.everyNamespaceSlot) == "true" || text("namespace").map(Quantifier.isQuantifier) == true
    }

    /// The slots that name one object: a resource's name, a Helm release's, the owner of pods.
    public static let nameSlots = ["name", "release", "owner"]

    /// The quantifier said where a name belongs ("all" in "scale all deployments"), if any.
    public var quantifiedName: String? {
        Self.nameSlots.lazy.compactMap { self.text($0) }.first(where: Quantifier.isQuantifier)?.lowercased()
    }
}
