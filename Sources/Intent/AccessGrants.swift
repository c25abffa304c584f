/// Access said kind by kind in one request: "read pods and manage deployments", "get and list pods, delete jobs".
///
/// Each kind takes the access said last before it: a word for reading ("read", "view", "see"), for managing
/// ("manage", "edit", "write"), or RBAC verbs said one after another ("get and list"). Read only when the request
/// says two different accesses; one access for every kind is the frame's flags and `verbs`.
enum AccessGrants {
    static let readWords: Set<String> = ["read", "reads", "reading", "view", "views", "viewing", "see", "inspect", "read-only", "readonly"]
    static let manageWords: Set<String> = ["manage", "manages", "managing", "edit", "edits", "editing", "write", "writes", "writing", "modify"]
    static let rbacVerbs: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
    static let joining: Set<String> = ["and", ",", "&", "or"]

    /// `access=kind` entries (`read=pod`, `get,list=pod`) and the words they used; nil unless two accesses were said.
    static func read(_ tokens: [RequestToken], claimed: [Bool], lexicon: Lexicon) -> (entries: [String], used: [Int])? {
        var access: String?
        var verbs: [String] = []
        var lastWasVerb = false
        var entries: [String] = []
        var used: [Int] = []
        for (index, token) in tokens.enumerated() where !token.quoted {
            let word = token.norm
            if readWords.contains(word) || manageWords.contains(word) {
                access = readWords.contains(word) ? "read" : "manage"
                verbs = []
                lastWasVerb = false
                used.append(index)
            } else if !claimed[index], !word.isEmpty,
                word.split(separator: ",").allSatisfy({ rbacVerbs.contains(String($0)) })
            {
                let parts = word.split(separator: ",").map(String.init)
                verbs = lastWasVerb ? verbs + parts.filter { !verbs.contains($0) } : parts
                access = verbs.joined(separator: ",")
                lastWasVerb = true
                used.append(index)
            } else if joining.contains(word) {
                continue
            } else if !claimed[index], let access,
                let kind = lexicon.kind(named: String(word.prefix { $0 != "/" })), kind.typos == 0
            {
                let subresource = word.contains("/") ? "/" + word.drop { $0 != "/" }.dropFirst() : ""
                entries.append("\(access)=\(kind.kind)\(subresource)")
                used.append(index)
                lastWasVerb = false
            } else {
                lastWasVerb = false
            }
        }
        let accesses = Set(entries.map { $0.prefix { $0 != "=" } })
        guard accesses.count >= 2 else { return nil }
        return (entries, used)
    }
}
