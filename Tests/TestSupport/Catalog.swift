import Intent

/// The rule catalogue of the repository, loaded once for all tests.
public enum Catalog {
    public static let shared: RuleCatalog = {
        do {
            return try RuleCatalog.load(from: Repository.rules)
        } catch {
            fatalError("rules/ does not load: \(error.localizedDescription)")
        }
    }()
}
