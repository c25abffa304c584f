/// How loose words of a request name things on disk: "backend" names `todo-backend` and `helm/backend`;
/// "dev values" names `values-dev.yaml`; "minikube overlay" names `manifests/minikube`.
public enum ProjectNames {
    /// Separators inside names and file names.
    static let separators: Set<Character> = ["-", "_", ".", "/"]

    /// Words that are the same environment, or the same part of an app.
    static let synonyms: [String: String] = [
        "development": "dev", "develop": "dev", "production": "prod", "stage": "staging", "stg": "staging",
        "local": "local", "test": "test", "testing": "test",
        // What a web app's parts are called by people who do not name the folders: "the todo website".
        "website": "frontend", "site": "frontend",
    ]

    /// The last part of a path (`backend` for `todo-app/helm/backend`).
    public static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The word as compared: lower case, environment synonyms folded, a trailing `.yaml`/`.yml` dropped.
    static func normalized(_ word: String) -> String {
        var lower = word.lowercased()
        for suffix in [".yaml", ".yml"] where lower.hasSuffix(suffix) { lower = String(lower.dropLast(suffix.count)) }
        return synonyms[lower] ?? lower
    }

    /// The words of a name: the whole name and its parts (`todo-backend` → todo-backend, todo, backend).
    static func words(of name: String) -> [String] {
        let whole = normalized(name)
        let parts = whole.split(whereSeparator: { separators.contains($0) }).map { normalized(String($0)) }
        return [whole] + parts
    }

    /// Whether a word (or a hyphenated phrase) is one of the names or a part of one.
    public static func matches(_ word: String, names: [String]) -> Bool {
        let wanted = normalized(word)
        guard !wanted.isEmpty else { return false }
        return names.contains { name in
            let words = words(of: name)
            if words.contains(wanted) { return true }
            // "todo-backend" given for a chart named "todo-backend" in folder "backend", or parts in order.
            let wantedParts = wanted.split(whereSeparator: { separators.contains($0) }).map(String.init)
            return wantedParts.count > 1 && wantedParts.allSatisfy { words.contains(normalized($0)) }
        }
    }
}
